-- POST /api/v1/entities/resolve/batch with 1,000 ids never seen before (one new entity each), each with a
-- random three-word title, so every item also runs the fuzzy candidate query. Each wrk thread numbers its
-- ids from its own range.
package.path = package.path .. ";" .. (os.getenv("LUA_DIR") or ".") .. "/?.lua"
require("report")

local thread_counter = 0
local batch = 0
local base = 0

local function word()
  local letters = {}
  for i = 1, math.random(4, 8) do letters[i] = string.char(96 + math.random(26)) end
  return table.concat(letters)
end

setup = function(thread)
  thread_counter = thread_counter + 1
  thread:set("base", thread_counter * 100000000 + os.time() % 1000000 * 100)
end

init = function()
  base = tonumber(base) or 0
  math.randomseed(base)
end

request = function()
  batch = batch + 1
  local items = {}
  for i = 1, 1000 do
    local id = base + batch * 1000 + i
    items[i] = string.format('{"externalIds":[{"type":"tmdb","value":"%d","kind":"movie"}],"title":"%s %s %s","year":2020,"kind":"movie"}', id, word(), word(), word())
  end
  local headers = authorize({ ["Content-Type"] = "application/json" })
  headers["Authorization"] = "Bearer " .. (os.getenv("INGEST_TOKEN") or "")
  return wrk.format("POST", "/api/v1/entities/resolve/batch", headers, '{"items":[' .. table.concat(items, ",") .. ']}')
end

done = report
