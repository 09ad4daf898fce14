import { describe, expect, it } from "vitest";
import { parseExposition } from "./parse-exposition.js";
import type { ExpositionFormat, MetricFamily } from "./types.js";

function families(body: string, format: ExpositionFormat = "text"): Map<string, MetricFamily> {
  const parsed = parseExposition(body, format);
  if (!parsed.ok) throw new Error(`line ${parsed.error.line}: ${parsed.error.message}`);
  return parsed.exposition.families;
}

function failure(body: string, format: ExpositionFormat = "text"): string {
  const parsed = parseExposition(body, format);
  if (parsed.ok) throw new Error("parsed");
  return `line ${parsed.error.line}: ${parsed.error.message}`;
}

const HISTOGRAM = `# HELP rpc_seconds RPC latency.
# TYPE rpc_seconds histogram
rpc_seconds_bucket{le="0.1"} 3
rpc_seconds_bucket{le="+Inf"} 4
rpc_seconds_sum 0.9
rpc_seconds_count 4
`;

describe("parseExposition: text format", () => {
  it("groups a histogram's _bucket, _sum and _count under its family", () => {
    const rpc = families(HISTOGRAM).get("rpc_seconds");
    expect(rpc).toMatchObject({ type: "histogram", help: "RPC latency." });
    expect(rpc?.samples.map((s) => [s.name, s.value, s.line])).toEqual([
      ["rpc_seconds_bucket", 3, 3],
      ["rpc_seconds_bucket", 4, 4],
      ["rpc_seconds_sum", 0.9, 5],
      ["rpc_seconds_count", 4, 6],
    ]);
  });

  it("groups a summary's quantiles, _sum and _count", () => {
    const body = '# TYPE s summary\ns{quantile="0.5"} 1\ns{quantile="0.9"} 2\ns_sum 10\ns_count 7\n';
    expect(families(body).get("s")?.samples).toHaveLength(4);
  });

  it("makes an untyped family of each sample name without # TYPE, suffixes or not", () => {
    const found = families("a_sum 1\na_count 2\nb 3\n");
    expect([...found.values()].map((f) => [f.name, f.type])).toEqual([
      ["a_sum", "untyped"],
      ["a_count", "untyped"],
      ["b", "untyped"],
    ]);
  });

  it("skips blank lines and comments and reads a body without a final newline", () => {
    expect(families("\n# a note\n   \na 1\n\nb 2").size).toBe(2);
    expect(families("").size).toBe(0);
  });

  it("allows # HELP after the samples and samples of one metric apart", () => {
    expect(families('a 1\nb 1\na{x="1"} 2\n# HELP a late help\n').get("a")).toMatchObject({
      help: "late help",
      samples: [{ value: 1 }, { value: 2 }],
    });
  });

  it.each<[string, string]>([
    ["a 1\n# TYPE a gauge\n", "line 2: TYPE line for a after its samples"],
    ["# TYPE a gauge\n# TYPE a counter\n", "line 2: second TYPE line for a"],
    ["# HELP a x\n# HELP a y\n", "line 2: second HELP line for a"],
    ['# TYPE h histogram\nh_bucket{le="fast"} 1\n', 'line 2: h_bucket: le label "fast" is not a number'],
    ['# TYPE s summary\ns{quantile="p50"} 1\n', 'line 2: s: quantile label "p50" is not a number'],
    ["a 1\r\nb 2\r\n", 'line 1: expected a number as value, found "1\\r"'],
    [
      "<!DOCTYPE html>\n<html><body>Hello</body></html>\n",
      'line 1: expected a metric name, found "<!DOCTYPE html>"',
    ],
    ['{"status":"ok"}', 'line 1: expected a metric name, found "{\\"status\\":\\"ok\\"}"'],
    ["ok 1\nnot ok\n", 'line 2: expected a number as value, found "ok"'],
  ])("rejects %j", (body, message) => {
    expect(failure(body)).toBe(message);
  });
});

const OPEN_METRICS = `# TYPE requests counter
# HELP requests Requests served.
requests_total{route="/a"} 10 1520879607.789
requests_created{route="/a"} 1520879000
# TYPE latency_seconds histogram
# UNIT latency_seconds seconds
latency_seconds_bucket{le="0.5"} 2 # {trace_id="abc"} 0.3
latency_seconds_bucket{le="+Inf"} 3
latency_seconds_count 3
latency_seconds_sum 1.7
# TYPE build info
build_info{version="1.2"} 1
# TYPE ready stateset
ready{ready="yes"} 1
ready{ready="no"} 0
# EOF
`;

describe("parseExposition: OpenMetrics", () => {
  it("reads families with their suffixed samples, units, info and stateset", () => {
    const found = families(OPEN_METRICS, "openmetrics");
    expect([...found.values()].map((f) => [f.name, f.type, f.samples.length])).toEqual([
      ["requests", "counter", 2],
      ["latency_seconds", "histogram", 4],
      ["build", "info", 1],
      ["ready", "stateset", 2],
    ]);
    expect(found.get("latency_seconds")?.unit).toBe("seconds");
    expect(found.get("requests")?.samples[0]?.timestampMs).toBeCloseTo(1520879607789, 3);
  });

  it("takes # EOF without a final newline", () => {
    expect(families("a 1\n# EOF", "openmetrics").get("a")?.type).toBe("unknown");
  });

  it('keeps escapes other than \\\\, \\" and \\n as written in help text and label values', () => {
    const body = [
      "# TYPE queue_depth gauge",
      "# HELP queue_depth Jobs waiting\\tper queue (\\f marks a page), in C:\\jobs",
      "# UNIT queue_depth ",
      'queue_depth{dir="C:\\temp\\x",say="\\"hi\\"\\\\"} 3',
      "# EOF",
    ].join("\n");
    const queue = families(body, "openmetrics").get("queue_depth");
    expect(queue?.help).toBe("Jobs waiting\\tper queue (\\f marks a page), in C:\\jobs");
    expect(queue?.samples[0]?.labels).toEqual({ dir: "C:\\temp\\x", say: '"hi"\\' });
    expect(failure('a{dir="C:\\temp"} 1\n')).toBe('line 1: invalid escape "\\t" (only \\\\, \\" and \\n)');
  });

  it("takes an empty help or unit after the space that ends the name", () => {
    const found = families("# HELP a \n# UNIT a \n# EOF\n", "openmetrics");
    expect(found.get("a")).toMatchObject({ help: "", unit: "" });
  });

  it.each<[string, string]>([
    [
      "# HELP queue_depth\n# EOF\n",
      'line 1: "# HELP queue_depth" needs a space after the name, then the help text (which may be empty)',
    ],
    [
      "# UNIT queue_seconds\n# EOF\n",
      'line 1: "# UNIT queue_seconds" needs a space after the name, then the unit (which may be empty)',
    ],
    [
      "# TYPE build_seconds info\n# UNIT build_seconds seconds\n# EOF\n",
      "line 2: build_seconds is an info family: OpenMetrics gives info and stateset families no unit",
    ],
    [
      "# UNIT ready_seconds seconds\n# TYPE ready_seconds stateset\n# EOF\n",
      "line 2: ready_seconds is a stateset family: OpenMetrics gives info and stateset families no unit",
    ],
    [
      "# TYPE jobs_created gauge\n# TYPE jobs counter\n# EOF\n",
      "line 2: counter jobs clashes with family jobs_created: jobs_created is a sample name of counter jobs",
    ],
    [
      "# TYPE rpc histogram\n# TYPE rpc_count gauge\n# EOF\n",
      "line 2: family rpc_count clashes with histogram rpc: rpc_count is a sample name of histogram rpc",
    ],
    [
      '# TYPE queue_depth gauge\nqueue_depth 3 # {trace_id="7f"} 3\n# EOF\n',
      "line 2: queue_depth has an exemplar: OpenMetrics allows them only on a counter's _total and a histogram's _bucket samples",
    ],
    [
      '# TYPE rpc_seconds histogram\nrpc_seconds_bucket{le="+Inf"} 1\nrpc_seconds_sum 0.2 # {trace_id="7f"} 0.2\n# EOF\n',
      "line 3: rpc_seconds_sum has an exemplar: OpenMetrics allows them only on a counter's _total and a histogram's _bucket samples",
    ],
  ])("follows the metadata and exemplar rules: rejects %j", (body, message) => {
    expect(failure(body, "openmetrics")).toBe(message);
  });

  it.each<[string, string]>([
    ["a 1\n", "line 2: no # EOF at the end: OpenMetrics requires it (was the body cut off?)"],
    ["a 1", "line 1: no # EOF at the end: OpenMetrics requires it (was the body cut off?)"],
    ["a 1\n# EOF\nb 2\n", 'line 3: unexpected "b 2" after # EOF'],
    ["a 1\n# EOF\n\n", 'line 3: unexpected "" after # EOF'],
    ["a 1\n\nb 2\n# EOF\n", "line 2: empty line (OpenMetrics allows none)"],
    ["a 1\nb 1\na 2\n# EOF\n", "line 3: lines of metric family a are not together (OpenMetrics requires it)"],
    ["a 1\n# HELP a late\n# EOF\n", "line 2: HELP line for a after its samples"],
    [
      "# TYPE c counter\nc 1\n# EOF\n",
      "line 2: sample c does not fit counter c: expected c_total or c_created",
    ],
    ["# TYPE h histogram\nh_bucket 1\n# EOF\n", "line 2: h_bucket has no le label"],
    ["# UNIT a_ms seconds\n# EOF\n", "line 1: a_ms has unit seconds but its name does not end in _seconds"],
    [
      "# note\n# EOF\n",
      'line 1: unexpected comment "# note": OpenMetrics allows only # HELP, # TYPE, # UNIT and # EOF',
    ],
  ])("rejects %j", (body, message) => {
    expect(failure(body, "openmetrics")).toBe(message);
  });
});
