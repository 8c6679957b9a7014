-- PUT /api/v1/progress/{id}: many users, each reporting on 20 titles, as apps do every few seconds while playing.
-- The requests are the raw ones benchmarks/openloop/requests.sh wrote to $PROGRESS_REQUESTS, so the closed-loop
-- (wrk) and open-loop rows send the very same bytes.
package.path = package.path .. ";" .. (os.getenv("LUA_DIR") or ".") .. "/?.lua"
require("report")

-- Read once per thread, then cycled: formatting each request in Lua was 7 of wrk's 29 us of CPU per request,
-- on the two cores the service uses.
local requests = {}
local file = assert(io.open(os.getenv("PROGRESS_REQUESTS"), "rb"))
for header in file:lines() do
  requests[#requests + 1] = file:read(tonumber(header:match("^#request (%d+)$")))
end
file:close()
local next_request = 0

request = function()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

done = report
