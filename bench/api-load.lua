-- wrk script of bench/api-load.sh: one endpoint per run, requests spread over the seeded accounts.
--
--   wrk ... -s bench/api-load.lua http://127.0.0.1:PORT -- <endpoint> <targets.tsv> <label>
--
-- endpoint: floor (GET /actuator/health/liveness, no key), list, get or post.
-- targets.tsv: one line per target, tab-separated: API key, session id, composition id (all of one account).
-- Each thread starts at its own place in the targets and takes the next one for every request, so every account's
-- key is used and no connection hammers one account. A POST carries a fresh Idempotency-Key: the run's label, the
-- thread and a counter, never seen before by the service (its schema is made anew each run).
--
-- At the end it prints one line that api-load.sh reads:
--   RESULT <label> <requests> <seconds> <req/s> <p50 ms> <p99 ms> <socket errors> <error statuses>
-- Error statuses are wrk's own count of answers of 400 and above. The script has no response() hook on purpose:
-- with one, wrk copies every answer's headers and body into Lua, which cost wrk 0.06 ms more per listed page
-- (50 KB) than per floor answer, on the cores the service shares (bench/RESULTS.md, "Keys remembered"). A 1xx or
-- 3xx would go uncounted; api-load.sh checks one answer of each endpoint with curl before the load.

local endpoint
label = nil -- global: done(), in wrk's main state, reads it through thread:get
local targets = {}
local next_target = 1
local counter = 0
thread_no = 1 -- global: setup() sets it through thread:set

local threads = {}
local created = 0

function setup(thread)
  created = created + 1
  thread:set("thread_no", created)
  table.insert(threads, thread)
end

local function read_targets(path)
  local list = {}
  for line in io.lines(path) do
    local key, session, composition = line:match("^(%S+)\t(%S+)\t(%S+)$")
    if key then
      table.insert(list, { key = key, session = session, composition = composition })
    end
  end
  return list
end

function init(args)
  endpoint = args[1]
  label = args[3] or endpoint
  if endpoint ~= "floor" then
    targets = read_targets(args[2])
    if #targets == 0 then
      error("no targets in " .. tostring(args[2]))
    end
    -- threads start apart, so two threads do not use one account's key at the same moment
    next_target = ((thread_no - 1) * 397) % #targets + 1
  end
end

local function take()
  local t = targets[next_target]
  next_target = next_target % #targets + 1
  return t
end

function request()
  if endpoint == "floor" then
    return wrk.format("GET", "/actuator/health/liveness")
  end
  local t = take()
  local headers = { ["Authorization"] = "Bearer " .. t.key }
  if endpoint == "list" then
    return wrk.format("GET", "/v2/room_compositions?page[size]=20&filter[status]=completed", headers)
  elseif endpoint == "get" then
    return wrk.format("GET", "/v2/room_compositions/" .. t.composition, headers)
  elseif endpoint == "post" then
    counter = counter + 1
    headers["Content-Type"] = "application/json"
    headers["Idempotency-Key"] = label .. "-" .. thread_no .. "-" .. counter
    return wrk.format("POST", "/v2/room_compositions", headers, '{"session_id":"' .. t.session .. '"}')
  end
  error("unknown endpoint " .. tostring(endpoint))
end

function done(summary, latency, requests)
  local name = threads[1]:get("label")
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT %s %d %.2f %.1f %.2f %.2f %d %d\n", name, summary.requests, seconds,
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, socket_errors, e.status))
end
