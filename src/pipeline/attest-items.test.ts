import { describe, expect, it } from "vitest";
import { attestationExpiry } from "./attest-items.js";

const NOW = new Date("2026-12-02T10:00:00.000Z");

describe("attestationExpiry", () => {
  it("takes a duration from now, and nothing for no expiry", () => {
    expect(attestationExpiry("30d", NOW)).toBe("2027-01-01T10:00:00.000Z");
    expect(attestationExpiry("90m", NOW)).toBe("2026-12-02T11:30:00.000Z");
    expect(attestationExpiry(undefined, NOW)).toBeNull();
  });

  it("the CLI takes durations only, and says so with its flag", () => {
    expect(() => attestationExpiry("2027-01-01", NOW)).toThrow(
      "--expires 2027-01-01: expected a duration such as 30d, 12h or 90m",
    );
    expect(() => attestationExpiry("0d", NOW)).toThrow("--expires 0d: expected a duration");
    expect(() => attestationExpiry("99999999d", NOW)).toThrow(
      "--expires 99999999d: more than 36500d (100 years); leave --expires out for an attestation that does not expire",
    );
  });

  it("the API also takes a last day (through its end, UTC) or an ISO time, never a past one", () => {
    const api = { label: "expires", dates: true };
    expect(attestationExpiry("2027-01-31", NOW, api)).toBe("2027-02-01T00:00:00.000Z");
    expect(attestationExpiry("2027-01-31T12:00:00+02:00", NOW, api)).toBe("2027-01-31T10:00:00.000Z");
    expect(() => attestationExpiry("2026-12-01", NOW, api)).toThrow("expires 2026-12-01: that time is past");
    expect(() => attestationExpiry("2027-02-30", NOW, api)).toThrow(
      "expires 2027-02-30: expected a duration such as 30d, 12h or 90m, or a last day (YYYY-MM-DD) or an ISO time",
    );
    expect(() => attestationExpiry("3026-12-03", NOW, api)).toThrow("more than 36500d");
  });
});
