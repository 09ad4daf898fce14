import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkExpectation,
  type Expectation,
  evaluateExpectation,
  parseExpectation,
} from "../../expect/index.js";
import type { Probe } from "../types.js";
import coverageProbe from "./index.js";

/** The README examples, as the engine runs them: checked against the declared kinds, then evaluated. */
async function judge(probe: Probe<unknown>, config: unknown, written: string[]) {
  const expectations = written.map((text): Expectation => {
    const parsed = parseExpectation(text);
    if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
    const problem = checkExpectation(
      parsed.expectation,
      probe.observables[parsed.expectation.observable.name],
    );
    if (problem !== null) throw new Error(problem);
    return parsed.expectation;
  });
  const runner = await probe.loadRunner();
  const result = await runner.run(probe.configSchema.parse(config), {
    signal: new AbortController().signal,
    timeoutMs: 5000,
    requested: expectations.map((e) => e.observable),
    targets: {},
    baseDir: path.join(import.meta.dirname, "fixtures"),
  });
  return expectations.map((e) => {
    const outcome = evaluateExpectation(e, result.observations);
    return `${outcome.expr}: ${outcome.error ?? (outcome.ok ? "ok" : `failed (${outcome.actual})`)}`;
  });
}

describe("the README's expectations", () => {
  it("judge coverage ratios against percentages", async () => {
    const outcomes = await judge(coverageProbe as Probe<unknown>, { path: "lcov.info" }, [
      "lines > 80%",
      "branches >= 0.75",
      "functions > 70%",
      "statements > 80%",
      "files >= 3",
    ]);
    expect(outcomes).toEqual([
      "lines > 80%: ok",
      "branches >= 0.75: ok",
      "functions > 70%: failed (66.67%)",
      "statements > 80%: no value for statements: the probe did not report it",
      "files >= 3: ok",
    ]);
  });
});
