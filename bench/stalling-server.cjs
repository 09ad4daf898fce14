// A server whose whole process freezes for argv[2] ms (default 200) every second, as a GC pause or
// a blocking call would: the open-model load test must report the stall, a closed model hides it.
// Used by bench/load.js and by the load probe's tests. Listens on PORT (default: a free port).
const http = require("node:http");

const stallMs = Number(process.argv[2] ?? 200);
const server = http.createServer((_request, response) => response.end("ok"));
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
  setInterval(() => {
    const until = Date.now() + stallMs;
    while (Date.now() < until);
  }, 1000);
});
