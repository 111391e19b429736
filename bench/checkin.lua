-- bench/checkin.lua — wrk script for bench/checkin.mjs: whole-roster
-- check-ins, PUT /api/v1/sessions/{id}/attendance, on many held sessions in
-- turn.  Each session's records alternate between "all present" and "all
-- late (5 minutes)" from one visit to the next, so every request writes its
-- roster's rows.  Run with one wrk thread (-t1): the turn and the visits are
-- one Lua state's.
--
-- From the environment (set by bench/checkin.mjs): BENCH_COOKIE (the bare
-- "iop_session=..." pair), BENCH_CSRF, BENCH_SESSIONS and BENCH_CLIENTS
-- (ids, comma-separated), BENCH_VISITED (how many of the first sessions
-- were checked in once already, all present).
local function env(name)
  local v = os.getenv(name)
  if v == nil or v == "" then
    io.stderr:write("checkin.lua: " .. name .. " is not set\n")
    os.exit(2)
  end
  return v
end

local sessions, clients = {}, {}
for id in string.gmatch(env("BENCH_SESSIONS"), "%d+") do sessions[#sessions + 1] = id end
for id in string.gmatch(env("BENCH_CLIENTS"), "%d+") do clients[#clients + 1] = id end
local visited = tonumber(os.getenv("BENCH_VISITED") or "0")

local function body(late)
  local r = {}
  for _, c in ipairs(clients) do
    if late then
      r[#r + 1] = '{"client_id":' .. c .. ',"status":"late","late_minutes":5}'
    else
      r[#r + 1] = '{"client_id":' .. c .. ',"status":"present"}'
    end
  end
  return '{"records":[' .. table.concat(r, ",") .. ']}'
end
local present, late = body(false), body(true)

wrk.method = "PUT"
wrk.headers["Cookie"] = env("BENCH_COOKIE")
wrk.headers["X-CSRF-Token"] = env("BENCH_CSRF")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"

local visits, turn = {}, visited
function request()
  local k = (turn % #sessions) + 1
  turn = turn + 1
  local v = visits[k] or (k <= visited and 1 or 0)
  visits[k] = v + 1
  return wrk.format(nil, "/api/v1/sessions/" .. sessions[k] .. "/attendance", nil,
    v % 2 == 1 and late or present)
end
