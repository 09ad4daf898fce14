// A stand-in for the pricing engine's /metrics endpoint: what a real service would expose,
// with fixed values so the example's verdict is the same on every run. No dependencies.
import { createServer } from "node:http";

const BUCKETS = [0.05, 0.1, 0.2, 0.3, 0.5, 1];
// Cumulative counts per `le`: most /quote requests well under 300ms, /batch slower.
const QUOTE = [120, 410, 880, 980, 995, 1000];
const BATCH = [0, 10, 40, 90, 180, 200];

function histogram(name, route, counts, sum) {
  const lines = BUCKETS.map((le, i) => `${name}_bucket{route="${route}",le="${le}"} ${counts[i]}`);
  const total = counts.at(-1);
  lines.push(
    `${name}_bucket{route="${route}",le="+Inf"} ${total}`,
    `${name}_sum{route="${route}"} ${sum}`,
    `${name}_count{route="${route}"} ${total}`,
  );
  return lines;
}

function exposition() {
  return [
    "# HELP pricing_response_seconds Time to answer a pricing request.",
    "# TYPE pricing_response_seconds histogram",
    ...histogram("pricing_response_seconds", "/quote", QUOTE, 142.7),
    ...histogram("pricing_response_seconds", "/batch", BATCH, 61.3),
    "# HELP pricing_cache_hit_rate Share of price lookups served from Redis.",
    "# TYPE pricing_cache_hit_rate gauge",
    "pricing_cache_hit_rate 0.93",
    "# HELP pricing_floor_breaches_total Offers that would have sold below the supplier floor.",
    "# TYPE pricing_floor_breaches_total counter",
    "pricing_floor_breaches_total 0",
    "# HELP pricing_model_info The pricing model in service.",
    "# TYPE pricing_model_info gauge",
    'pricing_model_info{version="2026.11.2"} 1',
    "",
  ].join("\n");
}

const server = createServer((request, response) => {
  if (request.url === "/metrics") {
    response.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(exposition());
  } else response.writeHead(404).end();
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.close(() => process.exit(0)));
