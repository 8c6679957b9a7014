-- GET with the bearer token: the floor (GET /api/v1/me) and every authenticated read.
package.path = package.path .. ";" .. (os.getenv("LUA_DIR") or ".") .. "/?.lua"
require("report")

request = function()
  return wrk.format("GET", wrk.path, authorize({}))
end

done = report
