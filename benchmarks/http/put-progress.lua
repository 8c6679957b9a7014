-- PUT /api/v1/progress/{id}: many users (tokens from $TOKENS_FILE), each reporting on 20 titles, as apps
-- do every few seconds while playing.
package.path = package.path .. ";" .. (os.getenv("LUA_DIR") or ".") .. "/?.lua"
require("report")

local tokens = {}
for line in io.lines(os.getenv("TOKENS_FILE")) do tokens[#tokens + 1] = line end
local counter = 0

request = function()
  counter = counter + 1
  local user = (counter % #tokens) + 1
  local position = (counter * 7) % 5000
  local headers = {
    ["Authorization"] = "Bearer " .. tokens[user],
    ["Content-Type"] = "application/json",
    ["X-Device-Id"] = "bench-tv",
  }
  local body = '{"positionSeconds":' .. position .. ',"durationSeconds":6000,"state":"playing"}'
  return wrk.format("PUT", "/api/v1/progress/title-" .. (counter % 20), headers, body)
end

done = report
