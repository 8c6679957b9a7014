-- POST /api/v1/interactions, one event per request: the users of $WRITER_TOKENS_FILE record views, plays and
-- likes of the titles in $ENTITIES_FILE, as apps report what people do. post-interactions-batch.lua sends the
-- same kind of events 100 to a request.
package.path = package.path .. ";" .. (os.getenv("LUA_DIR") or ".") .. "/?.lua"
require("report")

batch = batch or 1
local tokens, entities = {}, {}
for line in io.lines(os.getenv("WRITER_TOKENS_FILE")) do tokens[#tokens + 1] = line end
for line in io.lines(os.getenv("ENTITIES_FILE")) do entities[#entities + 1] = line end
local types = { "view", "play", "play", "like", "complete", "watchlist" }

-- setup runs in wrk's main script state, once per thread; each thread's state then sees its own number.
threads_made = 0
setup = function(thread)
  threads_made = threads_made + 1
  thread:set("thread_id", threads_made)
end

-- Every request is built when sent, with event ids never sent before: a request cycled from a prepared list
-- repeats its events after one pass, and a duplicate skips the work a new event does (the taste update).
local headers, counter = {}, 0
local function event()
  counter = counter + 1
  return string.format('{"entityId":"%s","type":"%s","eventId":"w%d-%d-%d"}',
    entities[math.random(#entities)], types[math.random(#types)], thread_id, started, counter)
end

init = function()
  math.randomseed(os.time() + thread_id)
  started = os.time()
  for i = 1, #tokens do
    headers[i] = { ["Authorization"] = "Bearer " .. tokens[i], ["Content-Type"] = "application/json" }
  end
end

request = function()
  local body
  if batch == 1 then
    body = event()
  else
    local events = {}
    for j = 1, batch do events[j] = event() end
    body = '{"interactions":[' .. table.concat(events, ",") .. ']}'
  end
  return wrk.format("POST", batch == 1 and "/api/v1/interactions" or "/api/v1/interactions/batch",
    headers[math.random(#headers)], body)
end

done = report
