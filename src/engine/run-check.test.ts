import { describe, expect, it } from "vitest";
import { z } from "zod";
import { GAVE_UP_WITHIN_MS } from "../../test/support/timing.js";
import { parseExpectation } from "../expect/index.js";
import type { Probe, ProbeResult, ProbeRunner } from "../probes/types.js";
import { createRedactor } from "../redact/create-redactor.js";
import type { PlannedCheck } from "./plan.js";
import { runCheck } from "./run-check.js";

/** A probe under test's control: engine behaviour is what is tested, so the probe is a real plugin. */
function probeDoing(run: ProbeRunner<unknown>["run"]): Probe {
  return {
    name: "scripted",
    configSchema: z.unknown(),
    observables: { value: { kind: "number", description: "" } },
    loadRunner: async () => ({ run }),
  };
}

function check(probe: Probe, expect: string[], options: Partial<PlannedCheck> = {}): PlannedCheck {
  const expectations = expect.map((text) => {
    const parsed = parseExpectation(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.expectation;
  });
  return {
    id: "c",
    probe,
    probeConfig: {},
    timeoutMs: 200,
    retries: 0,
    expectations,
    itemSpecs: [],
    itemIds: [],
    ...options,
  };
}

const context = {
  targets: {},
  baseDir: ".",
  signal: new AbortController().signal,
  redact: createRedactor([]),
};

describe("runCheck", () => {
  it("does not run a probe its caller's policy refuses: the check is an error with the policy's words", async () => {
    let ran = false;
    const probe = probeDoing(async () => {
      ran = true;
      return { observations: { value: 7 } };
    });
    const policy = { refusedProbes: { scripted: "scripted checks do not run here" } };
    const result = await runCheck(check(probe, ["value == 7"]), { ...context, policy });
    expect(result).toMatchObject({
      status: "error",
      error: "scripted checks do not run here",
      durationMs: 0,
    });
    expect(ran).toBe(false);
    // Another kind is not refused.
    const other = await runCheck(check(probe, ["value == 7"]), {
      ...context,
      policy: { refusedProbes: { k6: "no" } },
    });
    expect(other.status).toBe("pass");
  });

  it("passes when every expectation holds and fails with the actual value when one does not", async () => {
    const probe = probeDoing(async () => ({ observations: { value: 7 } }));
    expect((await runCheck(check(probe, ["value == 7"]), context)).status).toBe("pass");
    const failed = await runCheck(check(probe, ["value < 5"]), context);
    expect(failed.status).toBe("fail");
    expect(failed.expectations).toEqual([{ expr: "value < 5", ok: false, actual: "7" }]);
  });

  it("is an error, never a pass, when an observation is missing", async () => {
    const probe = probeDoing(async () => ({ observations: {} }));
    const result = await runCheck(check(probe, ["value == 0"]), context);
    expect(result.status).toBe("error");
    expect(result.error).toContain("value");
  });

  it("times out a probe that honours its signal, with the timeout in the message", async () => {
    const probe = probeDoing(
      (_config, ctx) =>
        new Promise<ProbeResult>((resolve) => {
          ctx.signal.addEventListener("abort", () =>
            resolve({ observations: {}, error: String(ctx.signal.reason.message) }),
          );
        }),
    );
    const result = await runCheck(check(probe, ["value == 1"]), context);
    expect(result).toMatchObject({ status: "error", error: "timed out after 200ms" });
  });

  it("aborts with a TimeoutError at the timeout, so a probe can tell it from a Ctrl-C", async () => {
    // A command whose own timer fired late (a busy machine) said "cancelled: ..." before this.
    const probe = probeDoing(
      (_config, ctx) =>
        new Promise<ProbeResult>((resolve) => {
          ctx.signal.addEventListener("abort", () =>
            resolve({ observations: {}, error: `aborted by a ${ctx.signal.reason.name}` }),
          );
        }),
    );
    const result = await runCheck(check(probe, ["value == 1"]), context);
    expect(result.error).toBe("timed out after 200ms: aborted by a TimeoutError");
  });

  it("abandons a probe that ignores its signal, so the run still completes", async () => {
    const probe = probeDoing(() => new Promise<ProbeResult>(() => {}));
    const started = performance.now();
    const result = await runCheck(check(probe, ["value == 1"], { timeoutMs: 100 }), context);
    expect(result.status).toBe("error");
    expect(result.error).toBe("timed out after 100ms (the probe did not stop; abandoned)");
    expect(performance.now() - started).toBeLessThan(GAVE_UP_WITHIN_MS);
  });

  it("retries an error with backoff, but never a fail", async () => {
    let calls = 0;
    const flaky = probeDoing(
      async (): Promise<ProbeResult> =>
        ++calls < 3 ? { observations: {}, error: "connection refused" } : { observations: { value: 1 } },
    );
    const recovered = await runCheck(check(flaky, ["value == 1"], { retries: 2 }), context);
    expect(recovered).toMatchObject({ status: "pass", attempts: 3 });

    let failing = 0;
    const wrong = probeDoing(async () => {
      failing += 1;
      return { observations: { value: 2 } };
    });
    const failed = await runCheck(check(wrong, ["value == 1"], { retries: 3 }), context);
    expect(failed).toMatchObject({ status: "fail", attempts: 1 });
    expect(failing).toBe(1);
  });

  it("turns a probe that throws into an error naming the probe", async () => {
    const probe = probeDoing(async () => {
      throw new Error("boom");
    });
    expect(await runCheck(check(probe, ["value == 1"]), context)).toMatchObject({
      status: "error",
      error: "the scripted probe failed unexpectedly: boom",
    });
  });

  it("loads the probe's runner before the clock starts: a slow import is not a timeout", async () => {
    let loaded = false;
    const probe: Probe = {
      ...probeDoing(async () => ({ observations: { value: 1 } })),
      loadRunner: async () => {
        // Longer than the check's 200ms timeout, as a driver's first import on a busy machine can be.
        await new Promise((resolve) => setTimeout(resolve, 400));
        loaded = true;
        return { run: async () => ({ observations: { value: 1 } }) };
      },
    };
    const result = await runCheck(check(probe, ["value == 1"]), context);
    expect(loaded).toBe(true);
    expect(result).toMatchObject({ status: "pass" });
  });

  it("turns a runner that cannot be imported into an error naming the probe", async () => {
    const probe: Probe = {
      ...probeDoing(async () => ({ observations: {} })),
      loadRunner: () => Promise.reject(new Error("Cannot find module './runner.js'")),
    };
    const result = await runCheck(check(probe, ["value == 1"], { retries: 2 }), context);
    expect(result).toMatchObject({
      status: "error",
      error: "the scripted probe could not be loaded: Cannot find module './runner.js'",
      attempts: 1,
    });
  });

  it("stops retrying when Ctrl-C comes during the wait between attempts", async () => {
    const controller = new AbortController();
    let calls = 0;
    const failing = probeDoing(async () => {
      calls += 1;
      if (calls === 1) setTimeout(() => controller.abort(), 50);
      return { observations: {}, error: "connection refused" };
    });
    const result = await runCheck(check(failing, ["value == 1"], { retries: 5 }), {
      ...context,
      signal: controller.signal,
    });
    expect(calls).toBe(1);
    expect(result).toMatchObject({ status: "error", attempts: 1, error: "connection refused" });
  });

  it("does not count a late success: past its timeout a probe's result is an error", async () => {
    const late = probeDoing(
      () =>
        new Promise<ProbeResult>((resolve) => setTimeout(() => resolve({ observations: { value: 1 } }), 400)),
    );
    const result = await runCheck(check(late, ["value == 1"], { timeoutMs: 100 }), context);
    expect(result).toMatchObject({ status: "error", error: "timed out after 100ms" });
  });

  describe("secrets", () => {
    // Example credentials from AWS's docs and a made-up token: secret-shaped, they unlock nothing.
    const AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
    const TOKEN = "tok_3f9a8c1d2e7b6a5f4c3d2e1f";
    const withSecrets = { ...context, redact: createRedactor([TOKEN]) };

    it("judges on the raw observation, so an absence check finds the secret that reports mask", async () => {
      const body = `{"aws": "${AWS_KEY}", "echo": "Bearer ${TOKEN}"}`;
      const probe = probeDoing(async () => ({ observations: { body }, evidence: { body } }));
      const expects = [`body !contains "${AWS_KEY}"`, `body !contains "${TOKEN}"`, 'body contains "Bearer"'];
      const result = await runCheck(check(probe, expects), withSecrets);
      expect(result.status).toBe("fail");
      expect(result.expectations.map((e) => e.ok)).toEqual([false, false, true]);
      const shown = JSON.stringify(result);
      expect(shown).not.toContain(AWS_KEY);
      expect(shown).not.toContain(TOKEN);
      expect(result.expectations[1]).toMatchObject({ expr: 'body !contains "***"', ok: false });
      expect(result.expectations[0]?.actual).toBe(
        '"{\\"aws\\": \\"AKIA************MPLE\\", \\"echo\\": \\"Bearer ***\\"}"',
      );
    });

    it("masks before it cuts, so no excerpt ends in the first half of a secret", async () => {
      // The token straddles the 120-character cut of `actual` and the 2000-character cut of the report.
      const body = `${"a ".repeat(55)}${TOKEN}${" b".repeat(940)}${TOKEN} tail`;
      const probe = probeDoing(async () => ({ observations: { body }, error: `failed near ${TOKEN}` }));
      const errored = await runCheck(check(probe, ['body contains "x"']), withSecrets);
      expect(errored.error).toBe("failed near ***");
      const judged = await runCheck(
        check(
          probeDoing(async () => ({ observations: { body } })),
          ['body contains "x"'],
        ),
        withSecrets,
      );
      const shown = JSON.stringify(judged);
      expect(shown).not.toContain(TOKEN.slice(0, 8));
      expect(judged.observations.body).toMatch(/^a a .*\*\*\*.*… \(\d+ more characters\)$/s);
    });
  });
});
