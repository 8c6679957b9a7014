-- PUT /api/v1/progress/{id}: many users (tokens from $TOKENS_FILE), each reporting on 20 titles, as apps
-- do every few seconds while playing.
package.path = package.path .. ";" .. (os.getenv("LUA_DIR") or ".") .. "/?.lua"
require("report")

local tokens = {}
for line in io.lines(os.getenv("TOKENS_FILE")) do tokens[#tokens + 1] = line end

-- Built once per thread, then cycled: formatting each request in Lua was 7 of wrk's 29 us of CPU per request,
-- on the two cores the service uses. Built in init, once wrk has set the Host header that wrk.format adds.
local requests = {}
local next_request = 0

function init(args)
  for counter = 1, 3200 do
    local user = (counter % #tokens) + 1
    local position = (counter * 7) % 5000
    local headers = {
      ["Authorization"] = "Bearer " .. tokens[user],
      ["Content-Type"] = "application/json",
      ["X-Device-Id"] = "bench-tv",
    }
    local body = '{"positionSeconds":' .. position .. ',"durationSeconds":6000,"state":"playing"}'
    requests[counter] = wrk.format("PUT", "/api/v1/progress/title-" .. (counter % 20), headers, body)
  end
end

request = function()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

done = report
