import { describe, expect, it } from "vitest";
import { infoValue, parseInfo } from "./parse-info.js";

const INFO = [
  "# Server",
  "redis_version:7.0.15",
  "uptime_in_seconds:42",
  "",
  "# Memory",
  "used_memory:1048576",
  "used_memory_human:1.00M",
  "mem_fragmentation_ratio:1.25",
  "# Keyspace",
  "db0:keys=12,expires=3,avg_ttl=0",
  "",
].join("\r\n");

describe("INFO", () => {
  const fields = parseInfo(INFO);

  it("reads numbers as numbers and keeps the rest as text", () => {
    expect(infoValue(fields, ["used_memory"])).toBe(1048576);
    expect(infoValue(fields, ["mem_fragmentation_ratio"])).toBe(1.25);
    expect(infoValue(fields, ["used_memory_human"])).toBe("1.00M");
    expect(infoValue(fields, ["redis_version"])).toBe("7.0.15");
  });

  it("reads the parts of a keyspace line", () => {
    expect(infoValue(fields, ["db0", "keys"])).toBe(12);
    expect(infoValue(fields, ["db0"])).toBe("keys=12,expires=3,avg_ttl=0");
    expect(infoValue(fields, ["db0", "nope"])).toEqual({
      absent: "INFO field db0 (keys=12,expires=3,avg_ttl=0) has no nope",
    });
  });

  it("says why a field has no value", () => {
    expect(infoValue(fields, ["db1"])).toEqual({ absent: "INFO has no field db1" });
    expect(infoValue(fields, [])).toEqual({ absent: "write info.<field> or info.<field>.<part>" });
    expect(infoValue(fields, ["db0", "keys", "x"])).toEqual({
      absent: "write info.<field> or info.<field>.<part>",
    });
  });
});
