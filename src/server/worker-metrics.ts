import { createServer } from "node:http";
import { collectDefaultMetrics, Registry } from "prom-client";
import { GonogoError } from "../core/errors.js";
import { type JobMetrics, jobSeries } from "./job-metrics.js";

export interface WorkerMetricsServer {
  /** What the worker's job handler observes. */
  metrics: JobMetrics;
  /** Where Prometheus scrapes: `http://127.0.0.1:9464/metrics`. */
  url: string;
  close(): Promise<void>;
}

/**
 * A worker's own `/metrics` (prom-client exposition): job pickup latency, runs by verdict, check
 * durations by probe, run errors (the series a server running its own jobs exposes under the same
 * names), and the process's CPU and memory, so CPU per check can be read off one scrape. Nothing
 * else is served: any other path is a 404.
 */
export async function serveWorkerMetrics(host: string, port: number): Promise<WorkerMetricsServer> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metrics = jobSeries(registry);
  const server = createServer((request, response) => {
    if (request.method !== "GET" || request.url?.split("?")[0] !== "/metrics") {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found: GET /metrics\n");
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { "content-type": registry.contentType }).end(text),
      (error: Error) => response.writeHead(500, { "content-type": "text/plain" }).end(`${error.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: Error) =>
      reject(
        new GonogoError(
          "unavailable",
          `--metrics-port: cannot listen on ${host}:${port}: ${error.message}`,
          [],
          {
            cause: error,
          },
        ),
      ),
    );
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const bound = typeof address === "object" && address !== null ? address.port : port;
  const shown = host.includes(":") ? `[${host}]` : host;
  return {
    metrics,
    url: `http://${shown}:${bound}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
