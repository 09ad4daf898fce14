import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const RULES_DIR = new URL("../../deploy/prometheus/", import.meta.url).pathname;
const DASHBOARD = new URL("../../deploy/grafana/gonogo-dashboard.json", import.meta.url).pathname;

/** promtool from the Debian package `prometheus` (apt-get install prometheus). */
function promtool(args: string[], cwd: string) {
  const run = spawnSync("promtool", args, { cwd, encoding: "utf8", timeout: 60_000 });
  if (run.error)
    throw new Error(`promtool did not run (install the Debian package prometheus): ${run.error.message}`);
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("deploy/prometheus/alerts.yml", () => {
  it("passes promtool check rules", () => {
    const checked = promtool(["check", "rules", "alerts.yml"], RULES_DIR);
    expect(checked.output).toContain("SUCCESS: 3 rules found");
    expect(checked.code, checked.output).toBe(0);
  });

  it("fires as its promtool unit tests say: NO-GO once per service, stale after two periods", () => {
    const tested = promtool(["test", "rules", "alerts.test.yml"], RULES_DIR);
    expect(tested.code, tested.output).toBe(0);
  });

  it("is refused by promtool when a rule is broken (the check can fail)", () => {
    const dir = mkdtempSync(join(tmpdir(), "gonogo-rules-"));
    const broken = readFileSync(join(RULES_DIR, "alerts.yml"), "utf8").replace(
      "max by (checklist) (gonogo_checklist_go) == 0",
      "max by (checklist) (gonogo_checklist_go == 0",
    );
    writeFileSync(join(dir, "alerts.yml"), broken);
    copyFileSync(join(RULES_DIR, "alerts.test.yml"), join(dir, "alerts.test.yml"));
    const checked = promtool(["check", "rules", "alerts.yml"], dir);
    expect(checked.code).not.toBe(0);
    expect(checked.output).toMatch(/parse error|unclosed|FAILED/i);
  });
});

describe("deploy/grafana/gonogo-dashboard.json", () => {
  it("is a Grafana dashboard: panels with Prometheus queries, a datasource and a service variable", () => {
    const dashboard = JSON.parse(readFileSync(DASHBOARD, "utf8")) as {
      uid: string;
      title: string;
      schemaVersion: number;
      panels: { id: number; type: string; gridPos: object; targets?: { expr: string; refId: string }[] }[];
      templating: { list: { name: string }[] };
    };
    expect(dashboard.uid).toBe("gonogo-readiness");
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(["datasource", "checklist"]);
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const queries = dashboard.panels.filter((p) => p.type !== "row");
    expect(queries.length).toBeGreaterThan(10);
    for (const panel of queries) {
      expect(panel.gridPos).toBeDefined();
      expect(panel.targets?.length).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) expect(target.expr).toMatch(/gonogo_/);
    }
  });
});
