-- GET /api/v1/entities/lookup over the 1,000 IMDb ids benchmarks/run.sh seeded (tt9100000..tt9100999):
-- after the warm-up every one is in L1, so this is the cached path.
package.path = package.path .. ";" .. (os.getenv("LUA_DIR") or ".") .. "/?.lua"
require("report")

local counter = 0

request = function()
  counter = counter + 1
  local path = string.format("/api/v1/entities/lookup?type=imdb&value=tt%07d", 9100000 + (counter % 1000))
  return wrk.format("GET", path, authorize({}))
end

done = report
