# openiop — the two commands a new machine needs:
#   make run    install what is missing, build, write the demo clinic, serve it
#   make test   install what is missing, build with warnings as errors, run every test
# Also: make test-asan (C and API tests under ASan+UBSan), make bench, make fuzz.

BUILD      ?= build
ASAN_BUILD ?= build-asan
REL_BUILD  ?= build-release
FUZZ_BUILD ?= build-fuzz
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
DEMO_DB    ?= demo.db
LISTEN     ?= 127.0.0.1:8080
FUZZ_SECONDS ?= 20
FUZZ_TARGETS ?= fuzz_json fuzz_text fuzz_tz

BUILD_DEPS = build-essential cmake pkg-config libmicrohttpd-dev libjansson-dev \
             libsqlite3-dev libsodium-dev libcmocka-dev libical-dev
TEST_DEPS  = chromium sqlite3 openssl nodejs npm clang libclang-rt-14-dev
BENCH_DEPS = wrk curl nodejs

.PHONY: all run build test test-asan bench fuzz deps deps-test deps-bench clean

all: build

# Installs the Debian packages in $(1) that are missing: as root or with
# sudo; otherwise prints the exact command and stops.
define apt_install
	@missing=""; for p in $(1); do \
	  case "$$p" in nodejs|npm) command -v $${p%js} >/dev/null 2>&1 && continue;; esac; \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"; \
	  else echo "Missing packages. Run:"; \
	       echo "  sudo apt-get update && sudo apt-get install -y$$missing"; exit 1; fi; \
	  echo "Installing:$$missing"; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

deps:
	$(call apt_install,$(BUILD_DEPS))

deps-test: deps
	$(call apt_install,$(TEST_DEPS))
	@if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  npm ci --no-audit --no-fund; fi

deps-bench: deps
	$(call apt_install,$(BENCH_DEPS))

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIOP_WERROR=ON >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

run: build
	@# Writes the demo clinic once; on later runs only brings the schema up to date.
	./$(BUILD)/iop demo --db $(DEMO_DB)
	@echo
	@echo "openiop demo clinic: http://$(LISTEN)/app/"
	@echo "Demo logins (password: openiop-demo): admin, director, clinician, case_manager,"
	@echo "  prescriber, nurse, admissions, front_desk, billing, alumni (the alumni coordinator)"
	@echo
	./$(BUILD)/iop serve --db $(DEMO_DB) --listen $(LISTEN)

test: deps-test
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIOP_WERROR=ON \
	  -DIOP_NODE_TESTS=ON -DIOP_BROWSER_TESTS=ON >/dev/null
	cmake --build $(BUILD) -j $(JOBS)
	$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_SECONDS)
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: deps-test
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DIOP_WERROR=ON -DIOP_SANITIZE=ON \
	  -DIOP_NODE_TESTS=ON -DIOP_BROWSER_TESTS=OFF >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

# Every fuzz target in FUZZ_TARGETS, FUZZ_SECONDS shared evenly between them
# (at least one second each), each from its seed corpus tests/fuzz/corpus/<target>/.
fuzz: deps-test
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=Debug -DIOP_FUZZ=ON \
	  -DIOP_NODE_TESTS=OFF -DIOP_BROWSER_TESTS=OFF >/dev/null
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target $(FUZZ_TARGETS)
	@n=$(words $(FUZZ_TARGETS)); each=$$(( $(FUZZ_SECONDS) / n )); [ $$each -ge 1 ] || each=1; \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$t; \
	  cp tests/fuzz/corpus/$$t/* $(FUZZ_BUILD)/corpus/$$t/; \
	  echo "fuzz: $$t for $$each s"; \
	  ./$(FUZZ_BUILD)/tests/fuzz/$$t -max_total_time=$$each -max_len=4096 \
	    -artifact_prefix=$(FUZZ_BUILD)/ \
	    $(FUZZ_BUILD)/corpus/$$t > $(FUZZ_BUILD)/$$t.log 2>&1 || \
	    { tail -n 40 $(FUZZ_BUILD)/$$t.log; exit 1; }; \
	  tail -n 1 $(FUZZ_BUILD)/$$t.log; \
	done

bench: deps-bench
	cmake -S . -B $(REL_BUILD) -DCMAKE_BUILD_TYPE=Release -DIOP_WERROR=ON \
	  -DIOP_NODE_TESTS=OFF -DIOP_BROWSER_TESTS=OFF >/dev/null
	cmake --build $(REL_BUILD) -j $(JOBS) --target iop
	bash bench/run.sh $(REL_BUILD)/iop
	node bench/signin_burst.mjs $(REL_BUILD)/iop
	IOP_BIN=$(REL_BUILD)/iop node bench/hours.mjs
	IOP_BIN=$(REL_BUILD)/iop node bench/sessions_generate.mjs
	node bench/checkin.mjs $(REL_BUILD)/iop

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(REL_BUILD) $(FUZZ_BUILD)
