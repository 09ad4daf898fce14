import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeContext, startTarget } from "../../../test/support/load-targets.js";
import { burstConfigSchema } from "./config.js";
import { run as runBurst } from "./runner.js";

let target: Awaited<ReturnType<typeof startTarget>>;
beforeAll(async () => {
  target = await startTarget();
});
afterAll(async () => {
  await target.close();
});

const run = (config: Record<string, unknown>) =>
  runBurst(burstConfigSchema.parse({ target: "api", ...config }), probeContext(target.url));

describe("burst probe", () => {
  it("finds the first 429, counts the limited requests and sees Retry-After", async () => {
    const { observations, error } = await run({ path: "/limited", requests: 40, concurrency: 1 });
    expect(error).toBeUndefined();
    expect(observations).toMatchObject({
      first_429_at: 21,
      limited: 20,
      retry_after: true,
      requests: 40,
      errors: 0,
    });
  });

  it("reports no limit (first_429_at absent) where none is", async () => {
    const { observations } = await run({ path: "/", requests: 30 });
    expect(observations).toMatchObject({ first_429_at: null, limited: 0, retry_after: null, requests: 30 });
  });

  it("counts other failures as errors, not as limited", async () => {
    const { observations } = await run({ path: "/status/500", requests: 5 });
    expect(observations).toMatchObject({ limited: 0, errors: 5 });
  });

  it("is an error, not a verdict on the limit, when no request gets an answer", async () => {
    const { closedPort } = await import("../../../test/support/db-context.js");
    const url = `http://127.0.0.1:${await closedPort()}`;
    const config = burstConfigSchema.parse({ target: "api", path: "/", requests: 10 });
    const { error, observations } = await runBurst(config, probeContext(url));
    expect(error).toBe(`burst on ${url}/: none of the 10 requests got an answer (refused)`);
    expect(observations).toMatchObject({ requests: 10, errors: 10 });
  });

  it("refuses a huge burst unless allow_large is set", () => {
    expect(burstConfigSchema.safeParse({ target: "api", requests: 20_000 }).success).toBe(false);
    expect(burstConfigSchema.safeParse({ target: "api", requests: 20_000, allow_large: true }).success).toBe(
      true,
    );
  });
});
