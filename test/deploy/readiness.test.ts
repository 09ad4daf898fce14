import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { runCli } from "../support/run-cli.js";

// READINESS.md is verified by .ci/run after the tests (it needs their results and a running
// server); here, what would make that run a config error instead of a verdict: the config loads,
// and every item has a check or a waiver, every check an item.

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("READINESS.md and its gonogo.yml", () => {
  it("binds every item to a check or a waiver, and every check to an item", async () => {
    const loaded = await loadConfig(`${ROOT}gonogo.yml`, {});
    const status = await runCli(["status", "READINESS.md", "--json"], { cwd: ROOT });
    expect(status.code, status.stderr).toBe(0);
    const items = (JSON.parse(status.stdout).items as { text: string }[]).map((item) => item.text);
    expect(items.length).toBeGreaterThanOrEqual(12);
    const raw = loaded.config as unknown as {
      checks: Record<string, { item: string }>;
      waivers: { item: string }[];
      gates: { critical: string[] };
    };
    const checked = Object.values(raw.checks).map((check) => check.item);
    const waived = raw.waivers.map((waiver) => waiver.item);
    for (const text of [...checked, ...waived, ...raw.gates.critical]) expect(items, text).toContain(text);
    for (const item of items) expect([...checked, ...waived], item).toContain(item);
    // The waived items: no Docker engine and no npm audit endpoint on the CI machine; each expires.
    expect(waived).toHaveLength(2);
  });
});
