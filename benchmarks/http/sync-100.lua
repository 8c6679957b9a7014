-- POST /api/v1/sync with 100 operations: 50 progress.set, 25 watchlist.add, and 25 watchlist.remove of the
-- tags this device added on its previous visit to that user (a steady state: watchlists do not grow forever).
-- Run with as many threads as connections (-tN -cN): one connection per thread, so each thread is one device
-- whose requests and responses alternate, and it always sends the cursor it got last time. Threads pair up:
-- both devices of a pair sync the same users, so every sync also returns the other device's recent changes.
package.path = package.path .. ";" .. (os.getenv("LUA_DIR") or ".") .. "/?.lua"
require("report")

local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

local tokens = {}
for line in io.lines(os.getenv("TOKENS_FILE")) do tokens[#tokens + 1] = line end
local cursors = {}
local added = {}
local counter = 0
local user = 1

request = function()
  counter = counter + 1
  local pair = math.floor(id / 2)
  local per_pair = 4
  user = ((pair * per_pair + counter % per_pair) % #tokens) + 1
  local now = os.time() * 1000 - 5000
  -- Unique within a second (the physical part moves on every second), and below the server's bound on a device's
  -- counter (1,000,000): a device's stamps only ever grow. The device id already tells devices' stamps apart.
  local logical = (counter % 5000) * 100
  local ops = {}
  for i = 1, 50 do
    ops[#ops + 1] = string.format(
      '{"type":"progress.set","contentId":"title-%d","positionSeconds":%d,"durationSeconds":6000,"state":"paused","hlc":{"physicalMs":%d,"logical":%d}}',
      i, (counter + i) % 6000, now, logical + i)
  end
  local previous = added[user]
  added[user] = counter
  for i = 1, 25 do
    ops[#ops + 1] = string.format(
      '{"type":"watchlist.add","contentId":"film-%d","tag":"d%d-%d-%d","hlc":{"physicalMs":%d,"logical":%d}}',
      i, id, counter, i, now, logical + 50 + i)
  end
  for i = 1, 25 do
    local tag = previous and string.format('"d%d-%d-%d"', id, previous, i) or string.format('"never-added-%d-%d"', id, i)
    ops[#ops + 1] = string.format(
      '{"type":"watchlist.remove","contentId":"film-%d","tags":[%s],"hlc":{"physicalMs":%d,"logical":%d}}',
      i, tag, now, logical + 75 + i)
  end
  local cursor = cursors[user] and ('"' .. cursors[user] .. '"') or "null"
  local body = '{"deviceId":"bench-device-' .. id .. '","cursor":' .. cursor .. ',"operations":[' .. table.concat(ops, ",") .. ']}'
  return wrk.format("POST", "/api/v1/sync", { ["Authorization"] = "Bearer " .. tokens[user], ["Content-Type"] = "application/json" }, body)
end

response = function(status, headers, body)
  local cursor = body and string.match(body, '"cursor":"(c%d+)"')
  if cursor then cursors[user] = cursor end
end

done = report
