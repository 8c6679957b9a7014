-- POST /api/v1/interactions/batch: the events of post-interactions.lua, 100 to a request.
batch = 100
dofile((os.getenv("LUA_DIR") or ".") .. "/post-interactions.lua")
