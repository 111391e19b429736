-- bench/checkin.lua — wrk script for bench/checkin.mjs: whole-roster
-- check-ins, PUT /api/v1/sessions/{id}/attendance, on many held sessions in
-- turn: first a check-in of the whole roster, all present; when every
-- session has had one, corrections, each session's records alternating
-- between "all present" and "all late (5 minutes)" from one visit to the
-- next, so every request writes its roster's rows.  Run with one wrk thread (-t1): the turn and the visits are
-- one Lua state's.
--
-- From the environment (set by bench/checkin.mjs): BENCH_COOKIE (the bare
-- "iop_session=..." pair), BENCH_CSRF, BENCH_SESSIONS_FILE (one session a
-- line: its id, then the client ids of its roster, separated by spaces),
-- BENCH_VISITED (how many of the first sessions were checked in once
-- already, all present).
local function env(name)
  local v = os.getenv(name)
  if v == nil or v == "" then
    io.stderr:write("checkin.lua: " .. name .. " is not set\n")
    os.exit(2)
  end
  return v
end

local sessions = {}
local f = io.open(env("BENCH_SESSIONS_FILE"), "r")
if f == nil then
  io.stderr:write("checkin.lua: cannot read BENCH_SESSIONS_FILE\n")
  os.exit(2)
end
for line in f:lines() do
  local ids = {}
  for id in string.gmatch(line, "%d+") do ids[#ids + 1] = id end
  if #ids > 1 then
    sessions[#sessions + 1] = { id = table.remove(ids, 1), clients = ids }
  end
end
f:close()
local visited = tonumber(os.getenv("BENCH_VISITED") or "0")

local function body(clients, late)
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
  local g = sessions[k]
  return wrk.format(nil, "/api/v1/sessions/" .. g.id .. "/attendance", nil,
    body(g.clients, v % 2 == 1))
end
