import { describe, expect, it } from "vitest";
import { queryUnit } from "./query-unit.js";

const P95 =
  'histogram_quantile(0.95, sum by (le) (rate(bargain_response_seconds_bucket{route="/session/start"}[5m])))';

describe("queryUnit", () => {
  it.each([
    [P95, "seconds"],
    ["time() - process_start_time_seconds", "seconds"],
    ["max_over_time(process_resident_memory_bytes[1h])", "bytes"],
    ["histogram_quantile(0.99, rate(response_size_bytes_bucket[5m]))", "bytes"],
    // Bucket counts outside histogram_quantile are counts: an Apdex-style ratio stays a number.
    ['sum(rate(x_seconds_bucket{le="0.3"}[5m])) / sum(rate(x_seconds_count[5m]))', "none"],
    ["rate(process_cpu_seconds_total[5m])", "none"],
    ["bargain_redis_hit_rate", "none"],
    ['up{job="x_seconds"}', "none"],
    ["a_seconds + b_bytes", "none"],
    ["# the p95\nsum(rate(x_total[5m]))", "none"],
  ])("%s is in %s", (query, unit) => {
    expect(queryUnit(query).unit).toBe(unit);
  });

  it("says why, and lets unit: decide", () => {
    expect(queryUnit(P95).why).toBe("seconds (from bargain_response_seconds_bucket)");
    expect(queryUnit(P95, "none")).toEqual({ unit: "none", why: "none (unit: in the config)" });
    expect(queryUnit("sum(x_total)", "bytes").unit).toBe("bytes");
  });
});
