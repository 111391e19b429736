#!/usr/bin/env bash
# bench/run.sh — openiop's load benchmark; `make bench` runs it.
#
#   bash bench/run.sh [IOP_BINARY]      default IOP_BINARY: build-release/iop
#   bash bench/run.sh --bare-only       measure only the bare ceiling
#
# Measures, with wrk on loopback, the audited client read and the audited
# client search of a fresh demo database, then the bare libmicrohttpd + SQLite
# + jansson ceiling (bench/bare.c) in the same run, and prints requests/s,
# p50/p99 latency, the ratio to the ceiling and iop's peak RSS, followed by
# PASS/FAIL lines against the targets. See bench/README.md.
#
# Knobs (environment):
#   BENCH_SECONDS      seconds per wrk run (default 10)
#   BENCH_CONNECTIONS  wrk connections (default 32; one wrk thread)
#   BENCH_MODES        space-separated IOP_HTTP_MODE values to compare, each
#                      against its own fresh server and database; "default"
#                      leaves IOP_HTTP_MODE unset (default: "default").
#                      BENCH_MODE is accepted for a single mode.
#   BENCH_IOP_THREADS  passed to iop as IOP_HTTP_THREADS when set
#
# Exit status: 0 when every measurement ran cleanly, whether or not a target
# was met (this is a measurement, not a test); 1 when something broke (a
# server did not start, login failed, a run saw non-2xx responses or socket
# errors, wrk failed); 2 on bad usage.
set -u -o pipefail

# ---- targets --------------------------------------------------------------
TARGET_RPS=15000      # audited requests per second, at least
TARGET_RATIO=0.25     # of the bare ceiling, at least
TARGET_P99_MS=10      # p99 latency in milliseconds, below

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BARE_ONLY=0
if [[ ${1:-} == --bare-only ]]; then
  BARE_ONLY=1
  shift
fi
IOP=${1:-build-release/iop}
DUR=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-32}
MODES=${BENCH_MODES:-${BENCH_MODE:-default}}
IOP_THREADS=${BENCH_IOP_THREADS:-}

say() { printf '%s\n' "$*"; }
err() { printf 'bench: %s\n' "$*" >&2; }

if ! [[ $DUR =~ ^[1-9][0-9]*$ ]] || (( DUR > 600 )); then
  err "BENCH_SECONDS must be 1..600 (got '$DUR')"; exit 2
fi
if ! [[ $CONNS =~ ^[1-9][0-9]*$ ]] || (( CONNS > 1000 )); then
  err "BENCH_CONNECTIONS must be 1..1000 (got '$CONNS')"; exit 2
fi
if [[ -n $IOP_THREADS && ! $IOP_THREADS =~ ^[1-9][0-9]*$ ]]; then
  err "BENCH_IOP_THREADS must be a positive integer (got '$IOP_THREADS')"; exit 2
fi
for mode in $MODES; do
  if ! [[ $mode =~ ^[A-Za-z0-9_-]+$ ]]; then
    err "bad mode '$mode' in BENCH_MODES"; exit 2
  fi
done
for tool in cc pkg-config wrk curl timeout awk; do
  command -v "$tool" >/dev/null 2>&1 || { err "BROKEN: '$tool' is not installed"; exit 1; }
done
if (( ! BARE_ONLY )); then
  [[ $IOP == */* ]] || IOP=./$IOP
  if [[ ! -x $IOP ]]; then
    err "BROKEN: no iop binary at '$IOP' (build it first, or run 'make bench')"
    exit 1
  fi
  IOP=$(cd "$(dirname "$IOP")" && pwd)/$(basename "$IOP")
fi

# ---- processes and temp files ----------------------------------------------
TMP=$(mktemp -d "${TMPDIR:-/tmp}/iop-bench.XXXXXX") || { err "BROKEN: mktemp"; exit 1; }
PIDS=()   # every background process this script started and has not stopped

stop_pid() {  # stop_pid PID: TERM, up to 5 s grace, then KILL; reap it
  local pid=$1 i
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null
    for (( i = 0; i < 50; i++ )); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      err "pid $pid ignored SIGTERM; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null
    fi
  fi
  wait "$pid" 2>/dev/null
  local keep=() p
  for p in "${PIDS[@]}"; do [[ $p == "$pid" ]] || keep+=("$p"); done
  PIDS=("${keep[@]}")
  return 0
}

# shellcheck disable=SC2317  # called from the EXIT trap
cleanup() {
  local p
  for p in "${PIDS[@]}"; do stop_pid "$p"; done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

die() { err "BROKEN: $*"; exit 1; }

BROKEN=()   # reasons the run is not clean; reported at the end, exit 1

# wait_listening OUTFILE PID -> prints the port once the server said
# "listening on http://127.0.0.1:PORT"; fails if it exits or takes > 20 s.
wait_listening() {
  local out=$1 pid=$2 port deadline=$(( SECONDS + 20 ))
  while (( SECONDS < deadline )); do
    port=$(sed -n 's#^listening on http://127\.0\.0\.1:\([0-9][0-9]*\).*#\1#p' "$out" 2>/dev/null | head -n 1)
    if [[ -n $port ]]; then printf '%s\n' "$port"; return 0; fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}

peak_rss_mib() {  # VmHWM of a live process, in MiB
  awk '/^VmHWM:/ { printf "%.1f", $2 / 1024; found = 1 } END { if (!found) print "?" }' \
    "/proc/$1/status" 2>/dev/null || printf '?'
}

# http_code URL [COOKIE] -> the status of one GET (000 when no answer)
http_code() {
  local args=(-sS --max-time 10 -o /dev/null -w '%{http_code}')
  [[ -n ${2:-} ]] && args+=(-H "Cookie: $2")
  curl "${args[@]}" "$1" 2>/dev/null || true
}

# keeps_alive URL [COOKIE]: two GETs on one curl; true if the second reused
# the connection (libmicrohttpd drops keep-alive when a handler queues its
# response on the first call — docs/architecture.md, "libmicrohttpd: two traps").
keeps_alive() {
  local args=(-sv --max-time 10 -o /dev/null -o /dev/null)
  [[ -n ${2:-} ]] && args+=(-H "Cookie: $2")
  curl "${args[@]}" "$1" "$1" 2>&1 | grep -qiE 're-?using existing connection'
}

# ---- results ----------------------------------------------------------------
R_NAME=() R_RPS=() R_P50=() R_P99=() R_RSS=() R_KIND=() R_BUSY=()

to_ms() {  # wrk time ("723.00us", "1.09ms", "1.02s", "1.50m") -> ms
  awk -v t="$1" 'BEGIN {
    if (t ~ /us$/) { sub(/us$/, "", t); printf "%.3f", t / 1000 }
    else if (t ~ /ms$/) { sub(/ms$/, "", t); printf "%.3f", t }
    else if (t ~ /m$/) { sub(/m$/, "", t); printf "%.3f", t * 60000 }
    else if (t ~ /h$/) { sub(/h$/, "", t); printf "%.3f", t * 3600000 }
    else if (t ~ /s$/) { sub(/s$/, "", t); printf "%.3f", t * 1000 }
    else print "nan" }'
}

# CPU accounting, to tell how much of the machine something else used during a
# run (a busy machine makes every figure low and noisy). All in clock ticks.
HZ=$(getconf CLK_TCK 2>/dev/null || echo 100)
sys_ticks() {  # "busy total" over all CPUs, from /proc/stat
  local a b c d e f g h rest
  read -r _ a b c d e f g h rest </proc/stat || { echo "0 0"; return; }
  echo "$(( a + b + c + f + g + h )) $(( a + b + c + d + e + f + g + h ))"
}
pid_ticks() {  # utime + stime of a live process
  awk '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print f[12] + f[13] }' \
    "/proc/$1/stat" 2>/dev/null || echo 0
}
child_ticks() {  # CHILD_TICKS = CPU of this shell's reaped children (wrk, via timeout)
  # `times` must run in this shell: in $(...) or a pipeline it would report a
  # subshell's children, none.
  times >"$TMP/times"
  CHILD_TICKS=$(awk -v hz="$HZ" 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, p, "m");
    sub(/s$/, "", p[2]); t += p[1] * 60 + p[2] } printf "%d", t * hz }' "$TMP/times")
}
OTHER_WARN=15  # percent of all CPUs

RUN_N=0
# run_wrk NAME KIND URL SERVER_PID [COOKIE]: one wrk run; appends to R_*;
# returns 1 if broken
run_wrk() {
  local name=$1 kind=$2 url=$3 spid=$4 cookie=${5:-}
  RUN_N=$(( RUN_N + 1 ))
  local out="$TMP/wrk-$RUN_N.txt"
  local args=(-t1 -c"$CONNS" -d"${DUR}s" --latency)
  [[ -n $cookie ]] && args+=(-s "$BENCH_DIR/auth.lua")
  say ""
  say "== $name: GET /${url#http://127.0.0.1:*/}  (wrk -t1 -c$CONNS -d${DUR}s)"
  local c0 s0 p0 c1 s1 p1
  child_ticks; c0=$CHILD_TICKS; s0=$(sys_ticks); p0=$(pid_ticks "$spid")
  # In the background and waited for, so SIGINT/SIGTERM to this script stop
  # the run at once instead of after it (bash runs traps between commands).
  BENCH_COOKIE=$cookie timeout -k 5 $(( DUR + 30 )) wrk "${args[@]}" "$url" >"$out" 2>&1 &
  local wpid=$!
  PIDS+=("$wpid")
  wait "$wpid"
  local rc=$?
  stop_pid "$wpid"
  s1=$(sys_ticks); p1=$(pid_ticks "$spid"); child_ticks; c1=$CHILD_TICKS
  sed 's/^/   /' "$out"
  # other% = CPU used by anything but the server and wrk, as a share of all CPUs
  local other
  other=$(awk -v s0="$s0" -v s1="$s1" -v p=$(( p1 - p0 )) -v c=$(( c1 - c0 )) 'BEGIN {
    split(s0, a, " "); split(s1, b, " "); total = b[2] - a[2]; busy = b[1] - a[1]
    o = busy - p - c; if (o < 0) o = 0
    if (total > 0) printf "%d", 100 * o / total; else print "?" }')
  say "   server used $(awk -v t=$(( p1 - p0 )) -v hz="$HZ" -v d="$DUR" 'BEGIN { printf "%.0f", 100 * t / hz / d }')% of a CPU, wrk $(awk -v t=$(( c1 - c0 )) -v hz="$HZ" -v d="$DUR" 'BEGIN { printf "%.0f", 100 * t / hz / d }')%, other processes ${other}% of all CPUs"
  if [[ $other =~ ^[0-9]+$ ]] && (( other >= OTHER_WARN )); then
    say "   WARN other processes used ${other}% of the CPUs during this run: its figures are low and noisy"
  fi
  if (( rc != 0 )); then
    BROKEN+=("$name: wrk exited with status $rc")
    return 1
  fi
  local rps p50 p99 non2xx sockerr
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  p50=$(awk '$1 == "50%" { print $2; exit }' "$out")
  p99=$(awk '$1 == "99%" { print $2; exit }' "$out")
  non2xx=$(awk -F: '/Non-2xx or 3xx responses/ { gsub(/[^0-9]/, "", $2); print $2 }' "$out")
  sockerr=$(awk '/Socket errors:/ { n = 0; for (i = 1; i <= NF; i++) { v = $i; gsub(/[^0-9]/, "", v); if (v != "") n += v } print n }' "$out")
  local bad=0
  if [[ -z $rps || -z $p50 || -z $p99 ]]; then
    BROKEN+=("$name: could not read wrk's output"); bad=1
  fi
  if [[ -n $non2xx && $non2xx != 0 ]]; then
    BROKEN+=("$name: $non2xx non-2xx responses"); bad=1
  fi
  if [[ -n $sockerr && $sockerr != 0 ]]; then
    BROKEN+=("$name: $sockerr socket errors"); bad=1
  fi
  R_NAME+=("$name"); R_KIND+=("$kind")
  R_RPS+=("${rps:-0}")
  R_P50+=("$( [[ -n $p50 ]] && to_ms "$p50" || echo nan)")
  R_P99+=("$( [[ -n $p99 ]] && to_ms "$p99" || echo nan)")
  R_RSS+=("?")
  R_BUSY+=("$other")
  return $bad
}

# check_endpoint NAME URL [COOKIE]: expect 200 and a kept-alive connection
check_endpoint() {
  local name=$1 url=$2 cookie=${3:-} code
  code=$(http_code "$url" "$cookie")
  if [[ $code != 200 ]]; then
    BROKEN+=("$name: GET /${url#http://127.0.0.1:*/} answered $code, not 200")
    return 1
  fi
  if ! keeps_alive "$url" "$cookie"; then
    say "   WARN $name: the server closed the connection after the reply (no keep-alive)"
  fi
  return 0
}

# ---- build the ceiling -------------------------------------------------------
say "openiop bench — $(date -u '+%Y-%m-%dT%H:%M:%SZ'), $(nproc 2>/dev/null || echo '?') CPUs, ${DUR}s per run, $CONNS connections"
# shellcheck disable=SC2046
if ! cc -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 -Wall -Wextra -Werror \
    "$BENCH_DIR/bare.c" -o "$TMP/bare" \
    $(pkg-config --cflags --libs libmicrohttpd jansson sqlite3) -lpthread 2>"$TMP/cc.err"; then
  cat "$TMP/cc.err" >&2
  die "could not build bench/bare.c"
fi

# ---- iop, once per mode ------------------------------------------------------
IOP_ROWS=()   # indexes into R_* of audited cases
if (( ! BARE_ONLY )); then
  say "iop: $IOP"
  for mode in $MODES; do
    tag=$mode
    [[ -n $IOP_THREADS ]] && tag="$mode,${IOP_THREADS}t"
    db="$TMP/bench-$mode.db"
    if ! IOP_PWHASH_COST=test IOP_ADMIN_PASSWORD=openiop-demo \
        timeout -k 5 120 "$IOP" demo --db "$db" >"$TMP/demo-$mode.out" 2>&1; then
      cat "$TMP/demo-$mode.out" >&2
      die "[$tag] 'iop demo' failed"
    fi

    envs=(IOP_LOGIN_RATE_PER_MIN=100000 IOP_PWHASH_COST=test)
    [[ $mode != default ]] && envs+=("IOP_HTTP_MODE=$mode")
    [[ -n $IOP_THREADS ]] && envs+=("IOP_HTTP_THREADS=$IOP_THREADS")
    out="$TMP/iop-$mode.out"
    : >"$out"
    env "${envs[@]}" "$IOP" serve --db "$db" --listen 127.0.0.1:0 >"$out" 2>"$TMP/iop-$mode.err" &
    pid=$!
    PIDS+=("$pid")
    if ! port=$(wait_listening "$out" "$pid"); then
      cat "$out" "$TMP/iop-$mode.err" >&2
      if kill -0 "$pid" 2>/dev/null; then
        die "[$tag] iop serve did not print 'listening on http://127.0.0.1:PORT' within 20 s (does it flush stdout?)"
      fi
      die "[$tag] iop serve exited before it was listening"
    fi
    base="http://127.0.0.1:$port"
    say ""
    say "-- iop [$tag] (${envs[*]}) pid $pid on $base"

    # log in
    code=$(curl -sS --max-time 10 -o "$TMP/login.json" -D "$TMP/login.hdr" -w '%{http_code}' \
      -H 'Content-Type: application/json' -H 'Accept: application/json' \
      --data '{"username":"clinician","password":"openiop-demo"}' \
      "$base/api/v1/session" 2>&1) || true
    if [[ $code != 200 ]]; then
      { cat "$TMP/login.json"; echo; } >&2 2>/dev/null
      die "[$tag] login as clinician answered '$code', not 200"
    fi
    cookie=$(tr -d '\r' <"$TMP/login.hdr" | grep -i '^set-cookie:' \
      | grep -o 'iop_session=[^;[:space:]]*' | head -n 1)
    if [[ -z $cookie || $cookie == iop_session= ]]; then
      cat "$TMP/login.hdr" >&2
      die "[$tag] login gave no iop_session cookie"
    fi
    if grep -qE '"must_change_password"[[:space:]]*:[[:space:]]*true' "$TMP/login.json"; then
      die "[$tag] the demo clinician must change its password; every client route would answer 403"
    fi

    # a client id
    code=$(curl -sS --max-time 10 -o "$TMP/clients.json" -w '%{http_code}' \
      -H "Cookie: $cookie" "$base/api/v1/clients?limit=1" 2>&1) || true
    [[ $code == 200 ]] || die "[$tag] GET /api/v1/clients?limit=1 answered '$code'"
    if command -v jq >/dev/null 2>&1; then
      cid=$(jq -r '.items[0].id // empty' "$TMP/clients.json" 2>/dev/null)
    else
      cid=$(tr -d '\n' <"$TMP/clients.json" | grep -o '"items".*' \
        | grep -o '"id"[[:space:]]*:[[:space:]]*[0-9][0-9]*' | head -n 1 | grep -o '[0-9]*$')
    fi
    [[ $cid =~ ^[0-9]+$ ]] || die "[$tag] no client id in GET /api/v1/clients?limit=1: $(head -c 300 "$TMP/clients.json")"

    read_url="$base/api/v1/clients/$cid"
    search_url="$base/api/v1/clients?q=a"
    for pair in "client read [$tag]|$read_url" "client search [$tag]|$search_url"; do
      name=${pair%%|*} url=${pair#*|}
      check_endpoint "$name" "$url" "$cookie" || continue
      run_wrk "$name" iop "$url" "$pid" "$cookie"
      IOP_ROWS+=($(( ${#R_NAME[@]} - 1 )))
      # the session must still work after the run
      code=$(http_code "$url" "$cookie")
      [[ $code == 200 ]] || BROKEN+=("$name: after the run GET answered $code, not 200")
    done

    if kill -0 "$pid" 2>/dev/null; then
      rss=$(peak_rss_mib "$pid")
      for i in "${IOP_ROWS[@]}"; do
        [[ ${R_RSS[$i]} == "?" ]] && R_RSS[i]=$rss
      done
    else
      BROKEN+=("[$tag] iop serve died during the runs")
      sed 's/^/   iop stderr: /' "$TMP/iop-$mode.err" | tail -n 20 >&2
    fi
    stop_pid "$pid"
  done
fi

# ---- the bare ceiling --------------------------------------------------------
mkdir -p "$TMP/bare-data"
"$TMP/bare" 0 "$TMP/bare-data" >"$TMP/bare.out" 2>"$TMP/bare.err" &
bpid=$!
PIDS+=("$bpid")
if ! bport=$(wait_listening "$TMP/bare.out" "$bpid"); then
  cat "$TMP/bare.err" >&2
  die "the bare server did not start"
fi
say ""
say "-- bare ceiling (bench/bare.c) pid $bpid on http://127.0.0.1:$bport"
BARE_ROW=-1
bare_url="http://127.0.0.1:$bport/row/1"
if check_endpoint "bare" "$bare_url"; then
  run_wrk "bare" bare "$bare_url" "$bpid"
  BARE_ROW=$(( ${#R_NAME[@]} - 1 ))
  if kill -0 "$bpid" 2>/dev/null; then
    R_RSS[BARE_ROW]=$(peak_rss_mib "$bpid")
  else
    BROKEN+=("bare server died during the run")
  fi
fi
stop_pid "$bpid"

# ---- summary -----------------------------------------------------------------
bare_rps=0
(( BARE_ROW >= 0 )) && bare_rps=${R_RPS[BARE_ROW]}
say ""
say "== summary (${DUR}s per run, wrk -t1 -c$CONNS, loopback; peak RSS = server VmHWM)"
printf '%-28s %10s %8s %8s %8s %8s %7s\n' "case" "req/s" "p50 ms" "p99 ms" "of bare" "RSS MiB" "other%"
noisy=0
for i in "${!R_NAME[@]}"; do
  ratio=$(awk -v a="${R_RPS[$i]}" -v b="$bare_rps" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "-" }')
  printf '%-28s %10.0f %8.2f %8.2f %8s %8s %7s\n' "${R_NAME[$i]}" "${R_RPS[$i]}" \
    "${R_P50[$i]}" "${R_P99[$i]}" "$ratio" "${R_RSS[$i]}" "${R_BUSY[$i]}"
  [[ ${R_BUSY[$i]} =~ ^[0-9]+$ ]] && (( R_BUSY[i] >= OTHER_WARN )) && noisy=1
done
say "(other% = share of all CPUs used during the run by processes other than the server and wrk)"
if (( noisy )); then
  say "WARN the machine was busy during some runs: read the ratios, or rerun when it is quiet"
fi

say ""
say "== targets (audited read and audited search): >= $TARGET_RPS req/s, >= $(awk -v r=$TARGET_RATIO 'BEGIN{printf "%.0f", r*100}')% of bare, p99 < $TARGET_P99_MS ms"
missed=0
verdict() {  # verdict OK TEXT
  if [[ $1 == 1 ]]; then say "PASS  $2"; else say "FAIL  $2"; missed=$(( missed + 1 )); fi
}
for i in "${IOP_ROWS[@]}"; do
  n=${R_NAME[$i]} rps=${R_RPS[$i]} p99=${R_P99[$i]}
  verdict "$(awk -v a="$rps" -v t=$TARGET_RPS 'BEGIN { print (a >= t) ? 1 : 0 }')" \
    "$(printf '%-28s %.0f req/s (target >= %d)' "$n" "$rps" "$TARGET_RPS")"
  if (( BARE_ROW >= 0 )); then
    verdict "$(awk -v a="$rps" -v b="$bare_rps" -v r=$TARGET_RATIO 'BEGIN { print (b > 0 && a >= r * b) ? 1 : 0 }')" \
      "$(awk -v n="$n" -v a="$rps" -v b="$bare_rps" -v r=$TARGET_RATIO 'BEGIN { printf "%-28s %.1f%% of bare (target >= %.0f%%)", n, 100 * a / b, 100 * r }')"
  else
    verdict 0 "$(printf '%-28s ratio to bare unknown (bare run failed)' "$n")"
  fi
  verdict "$(awk -v p="$p99" -v t=$TARGET_P99_MS 'BEGIN { print (p == p + 0 && p < t) ? 1 : 0 }')" \
    "$(printf '%-28s p99 %.2f ms (target < %d ms)' "$n" "$p99" "$TARGET_P99_MS")"
done
(( BARE_ONLY )) && say "(bare only: no iop targets checked)"

say ""
if (( ${#BROKEN[@]} > 0 )); then
  for b in "${BROKEN[@]}"; do say "BROKEN $b"; done
  say "bench: the run is not clean (${#BROKEN[@]} problem(s)); figures above are not trustworthy"
  exit 1
fi
if (( BARE_ONLY )); then
  say "bench: bare ceiling measured"
elif (( missed > 0 )); then
  say "bench: $missed target(s) missed (exit 0: this is a measurement)"
else
  say "bench: all targets met"
fi
exit 0
