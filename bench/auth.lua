-- bench/auth.lua — wrk script for openiop's authenticated routes.
--
-- Sends the session cookie on every request. The cookie value comes from the
-- environment (BENCH_COOKIE, the bare "iop_session=..." pair), set by
-- bench/run.sh after it logs in. Only wrk.headers is set, with no request()
-- or response() function, so wrk keeps its precomputed-request fast path and
-- the load generator spends as little as possible of the shared CPUs.
local cookie = os.getenv("BENCH_COOKIE")
if cookie == nil or cookie == "" then
  io.stderr:write("auth.lua: BENCH_COOKIE is not set\n")
  os.exit(2)
end
wrk.headers["Cookie"] = cookie
wrk.headers["Accept"] = "application/json"
