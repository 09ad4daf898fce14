import { describe, expect, it } from "vitest";
import { observedInUnit, unitOfName } from "./metric-unit.js";

describe("unitOfName", () => {
  it.each([
    ["bargain_response_seconds", "seconds"],
    ["http_request_duration_seconds_sum", "seconds"],
    ["process_cpu_seconds_total", "seconds"],
    ["http_request_duration_seconds_count", "none"],
    ["http_request_duration_seconds_bucket", "none"],
    ["process_start_time_seconds_created", "none"],
    ["job_duration_milliseconds", "milliseconds"],
    ["process_resident_memory_bytes", "bytes"],
    ["response_size_bytes_sum", "bytes"],
    ["bargain_redis_hit_rate", "none"],
    ["seconds_since_boot_total_x", "none"],
  ])("%s is in %s", (name, unit) => {
    expect(unitOfName(name)).toBe(unit);
  });

  it("takes an OpenMetrics # UNIT of seconds or bytes over the name", () => {
    expect(unitOfName("latency", "seconds")).toBe("seconds");
    expect(unitOfName("latency_count", "seconds")).toBe("none");
    expect(unitOfName("temperature_celsius", "celsius")).toBe("none");
  });
});

describe("observedInUnit", () => {
  it("reports seconds as milliseconds, bytes as a size and anything else as a number", () => {
    expect(observedInUnit(0.25, "seconds")).toEqual({ value: 250, unit: "ms" });
    expect(observedInUnit(12, "milliseconds")).toEqual({ value: 12, unit: "ms" });
    expect(observedInUnit(1024, "bytes")).toEqual({ value: 1024, unit: "B" });
    expect(observedInUnit(0.93, "none")).toBe(0.93);
  });
});
