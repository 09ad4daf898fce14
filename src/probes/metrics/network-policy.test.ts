import { describe, expect, it } from "vitest";
import { probeContext } from "../../../test/support/probe-context.js";
import { refuseLinkLocal } from "../../core/probe-policy.js";
import { metricsConfigSchema } from "./config.js";
import { run } from "./runner.js";

describe("metrics probe under a network policy", () => {
  it("refuses a link-local exporter before connecting, with the policy's words", async () => {
    const ctx = {
      ...probeContext({ timeoutMs: 3000, targets: { meta: { url: "http://169.254.169.254" } } }),
      network: refuseLinkLocal("refused here"),
    };
    const started = performance.now();
    const result = await run(metricsConfigSchema.parse({ target: "meta" }), ctx);
    expect(result.error).toBe("GET http://169.254.169.254/metrics: 169.254.169.254: refused here");
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
