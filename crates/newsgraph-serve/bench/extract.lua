-- wrk script: POST /api/extract with an article read from $ARTICLE (text/plain).
local path = os.getenv("ARTICLE")
local f = assert(io.open(path, "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "text/plain; charset=utf-8"

-- wrk itself reports "Non-2xx or 3xx responses" and socket errors when there are any.
