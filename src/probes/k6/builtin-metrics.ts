/**
 * k6's built-in metrics by kind (https://grafana.com/docs/k6/latest/using-k6/metrics/reference/).
 * A `--summary-export` file does not say what a metric holds, so these names tell which trends are
 * times (ms) and which counters are bytes; a handleSummary JSON says it itself (`contains`).
 */
export const TIME_TRENDS = [
  "http_req_duration",
  "http_req_blocked",
  "http_req_connecting",
  "http_req_tls_handshaking",
  "http_req_sending",
  "http_req_waiting",
  "http_req_receiving",
  "iteration_duration",
  "group_duration",
  "grpc_req_duration",
  "ws_connecting",
  "ws_session_duration",
  "ws_ping",
] as const;

export const RATES = ["http_req_failed", "checks"] as const;

export const COUNTERS = ["http_reqs", "iterations", "dropped_iterations"] as const;

export const DATA_COUNTERS = ["data_received", "data_sent"] as const;

export const GAUGES = ["vus", "vus_max"] as const;

const TIME = new Set<string>(TIME_TRENDS);
const DATA = new Set<string>(DATA_COUNTERS);

/**
 * What a built-in metric holds, by its name (a submetric `http_req_duration{status:200}` is its
 * parent's); `unknown` for a custom metric.
 */
export function builtinContains(metricName: string): "time" | "data" | "default" | "unknown" {
  const base = metricName.split("{")[0] ?? metricName;
  if (TIME.has(base)) return "time";
  if (DATA.has(base)) return "data";
  const known = [...RATES, ...COUNTERS, ...GAUGES] as readonly string[];
  return known.includes(base) ? "default" : "unknown";
}
