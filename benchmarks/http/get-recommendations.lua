-- GET /api/v1/recommendations for one seeded user ($RECS_TOKEN): taste, nearest titles, diversity, reasons.
package.path = package.path .. ";" .. (os.getenv("LUA_DIR") or ".") .. "/?.lua"
require("report")

local token = os.getenv("RECS_TOKEN")

request = function()
  return wrk.format("GET", wrk.path, { ["Authorization"] = "Bearer " .. token })
end

done = report
