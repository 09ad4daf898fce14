import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { probeContext } from "../../../test/support/probe-context.js";
import { runCheck } from "../../engine/run-check.js";
import { parseExpectation } from "../../expect/index.js";
import { createRedactor } from "../../redact/create-redactor.js";
import { PROBES } from "../registry.js";
import type { Probe } from "../types.js";
import templateProbe from "./index.js";

/** A real folder holding a real file, as a `repo` target would name it. */
function repoWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "gonogo-template-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function observe(dir: string, config: Record<string, unknown>) {
  const runner = await templateProbe.loadRunner();
  const context = probeContext({ targets: { repo: { path: dir } }, requested: ["lines"] });
  return runner.run(templateProbe.configSchema.parse({ target: "repo", ...config }), context);
}

describe("template probe", () => {
  it("observes a real file: lines, size in bytes, first line", async () => {
    const dir = repoWith({ "CHANGELOG.md": "# Changelog\n\n- first release\n" });
    const result = await observe(dir, { path: "CHANGELOG.md" });
    expect(result.error).toBeUndefined();
    expect(result.observations).toEqual({
      lines: 3,
      size: { value: 29, unit: "B" },
      first_line: "# Changelog",
    });
    expect(result.evidence).toEqual({ path: join(dir, "CHANGELOG.md") });
  });

  it("returns an error naming the file when it is missing: a result, not an exception", async () => {
    const dir = repoWith({});
    const result = await observe(dir, { path: "CHANGELOG.md" });
    expect(result).toEqual({ observations: {}, error: `text file not found: ${join(dir, "CHANGELOG.md")}` });
  });

  it("refuses an unknown key in its block (the config loader reports it with its place)", () => {
    const parsed = templateProbe.configSchema.safeParse({ pth: "CHANGELOG.md" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.code)).toEqual(
      expect.arrayContaining(["unrecognized_keys"]),
    );
  });

  it("is judged by the engine like any probe: expectations with units against its observations", async () => {
    const dir = repoWith({ "CHANGELOG.md": "# Changelog\n\n- first release\n" });
    const expectations = ["lines == 3", "size < 1KB", 'first_line == "# Changelog"', "lines > 10"].map(
      (text) => {
        const parsed = parseExpectation(text);
        if (!parsed.ok) throw new Error(parsed.error.message);
        return parsed.expectation;
      },
    );
    const result = await runCheck(
      {
        id: "changelog",
        probe: templateProbe as Probe<unknown>,
        probeConfig: templateProbe.configSchema.parse({ target: "repo", path: "CHANGELOG.md" }),
        timeoutMs: 5000,
        retries: 0,
        expectations,
        itemSpecs: [],
        itemIds: [],
      },
      {
        targets: { repo: { name: "repo", path: dir } },
        baseDir: dir,
        signal: new AbortController().signal,
        redact: createRedactor([]),
      },
    );
    expect(result.status).toBe("fail");
    expect(result.expectations.map((e) => [e.expr, e.ok, e.actual])).toEqual([
      ["lines == 3", true, "3"],
      ["size < 1KB", true, "29B"],
      ['first_line == "# Changelog"', true, '"# Changelog"'],
      ["lines > 10", false, "3"],
    ]);
  });

  // In _template/ the probe is hidden from users; in a copy (a new probe) this fails until the
  // registry lists it.
  it("is in the registry unless it is the template", () => {
    const isTemplate = import.meta.dirname.endsWith("_template");
    expect(PROBES.get(templateProbe.name) === templateProbe).toBe(!isTemplate);
    if (isTemplate) expect(PROBES.has("template")).toBe(false);
  });
});
