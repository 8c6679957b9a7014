-- PUT /api/v1/devices/{id} spread over 64 devices per connection-thread, as many apps re-registering.
package.path = package.path .. ";" .. (os.getenv("LUA_DIR") or ".") .. "/?.lua"
require("report")

local counter = 0
local body = '{"deviceType":"TV","platform":"Tizen","appVersion":"5.2.0","deviceName":"Bench","capabilities":{"hdr":true}}'

request = function()
  counter = counter + 1
  local headers = authorize({ ["Content-Type"] = "application/json" })
  return wrk.format("PUT", "/api/v1/devices/bench-" .. (counter % 64), headers, body)
end

done = report
