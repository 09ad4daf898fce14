// Orders API: the small service the quickstart checklist is about. Plain node:http, no dependencies.
//
//   node examples/quickstart/service.js          # 127.0.0.1, a free port
//   PORT=8080 node examples/quickstart/service.js
//
// When it is ready it prints exactly one line to stdout, `listening on http://127.0.0.1:<port>`:
// `npm run demo` and the unit tests read that line to learn the port. Nothing else goes to stdout.
import { createServer } from "node:http";

// Sent on every response, errors included: these are what the checklist's security items claim.
// Node's http module sends no `Server` or `X-Powered-By` header of its own; keep it that way.
const SECURITY_HEADERS = {
  "strict-transport-security": "max-age=63072000; includeSubDomains",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
};

const ORDERS = [
  { id: "ord_1", total: 42.5, currency: "EUR" },
  { id: "ord_2", total: 19.99, currency: "EUR" },
  { id: "ord_3", total: 120, currency: "USD" },
];

const ROUTES = {
  "/healthz": () => ({ status: "ok" }),
  "/readyz": () => ({ ready: true, checks: { database: "ok" } }),
  "/api/orders": () => ({ orders: ORDERS }),
  "/api/config": () => ({
    region: "eu-west-1",
    currency: "EUR",
    page_size: 50,
    storage_bucket: "orders-invoices",
    // DELIBERATE FLAW, kept for the demo: a credential that should never leave the server. It is
    // AWS's documented example key id, not a real one. gonogo's http probe counts it under
    // `secrets`, so "No secrets exposed in the /api/config response" fails and the verdict is NO-GO.
    storage_key: "AKIAIOSFODNN7EXAMPLE",
  }),
};

function send(res, status, body, extraHeaders = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...extraHeaders,
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
  });
  res.end(res.req.method === "HEAD" ? undefined : text);
}

function handle(req, res) {
  // Split off the query by hand: `new URL("//x", base)` would read "//x" as a host, not a path.
  const path = (req.url ?? "/").split("?", 1)[0];
  const route = Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
  if (route === undefined) return send(res, 404, { error: "not found" });
  if (req.method !== "GET" && req.method !== "HEAD") {
    return send(res, 405, { error: "method not allowed" }, { allow: "GET, HEAD" });
  }
  return send(res, 200, route());
}

// Loopback by default, so running the example never exposes it; the container sets HOST=0.0.0.0.
const host = process.env.HOST || "127.0.0.1";
const port = Number(process.env.PORT || 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number (0-65535), got ${JSON.stringify(process.env.PORT)}`);
  process.exit(2);
}

const server = createServer(handle);
server.on("error", (error) => {
  console.error(`cannot listen on ${host}:${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, host, () => {
  console.log(`listening on http://${host}:${server.address().port}`);
});

// Explicit handlers matter in a container, where node is PID 1 and gets no default ones.
// close() stops accepting and drops idle keep-alive sockets; once in-flight requests end, nothing is
// left and the process exits 0. `once`: a second Ctrl-C falls back to the default and ends it at once.
function shutDown() {
  server.close();
  // A request still running after 5 s is cut off rather than holding the shutdown forever.
  setTimeout(() => server.closeAllConnections(), 5000).unref();
}
process.once("SIGTERM", shutDown);
process.once("SIGINT", shutDown);
