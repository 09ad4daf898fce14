import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadChecklist } from "../checklist/index.js";
import { configJsonSchema, loadConfig } from "../config/index.js";
import { bindPlan } from "../engine/plan.js";
import { PROBES } from "../probes/registry.js";
import { isLive } from "./check-blocks.js";
import { inferChecks } from "./infer-checks.js";
import { mergeConfig } from "./merge-config.js";
import { renderConfig } from "./render-config.js";

const validate = new Ajv2020({ strict: false, allErrors: true }).compile(configJsonSchema());
const available = new Set(PROBES.keys());
const repo = new URL("../../", import.meta.url);
const shared = new URL("../../../shared/checklists/", import.meta.url);

const checklists = [
  "examples/quickstart/checklist.md",
  "examples/pricing/checklist.md",
  ...readdirSync(new URL("test/fixtures/checklists/", repo)).map(
    (name) => `test/fixtures/checklists/${name}`,
  ),
].map((path) => new URL(path, repo).pathname);

/** Writes the proposal for a checklist into a temp folder and loads it as `gonogo verify` would. */
async function proposeAndLoad(path: string) {
  const checklist = await loadChecklist(path);
  const inferences = inferChecks(checklist);
  const text = renderConfig(checklist, inferences, { available, today: new Date("2026-01-01") });
  const out = join(mkdtempSync(join(tmpdir(), "gonogo-init-")), "gonogo.yml");
  writeFileSync(out, text);
  const loaded = await loadConfig(out, {});
  const plan = bindPlan(checklist, loaded, new Date("2026-01-01"));
  return { checklist, inferences, text, loaded, plan };
}

async function expectLoadsAndBinds(path: string) {
  const { text, plan, inferences } = await proposeAndLoad(path);
  expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
  // Every live proposal is a check of its item; only identical costly runs share one check.
  const live = inferences.flatMap((i) =>
    i.proposals.filter((p) => isLive(p, available)).map((p) => ({ i, p })),
  );
  for (const { i, p } of live) {
    const bound = plan.checks.filter((c) => c.probe.name === p.probe && c.itemIds.includes(i.item.id));
    const mine = i.proposals.filter((q) => q.probe === p.probe && isLive(q, available));
    expect(bound, `${i.item.text} (${p.probe})`).toHaveLength(mine.length);
  }
  for (const check of plan.checks) {
    expect(check.itemIds.length, check.id).toBeGreaterThan(0);
    if (check.itemIds.length > 1) expect(["load", "burst", "k6", "command"]).toContain(check.probe.name);
  }
  const shared = plan.checks.reduce((n, c) => n + c.itemIds.length - 1, 0);
  expect(plan.checks).toHaveLength(live.length - shared);
  // Placeholders only in targets: no ${...} in the checks.
  expect(text.slice(text.indexOf("\nchecks:"))).not.toMatch(/\$\{/);
  return { text, plan, inferences };
}

describe("the proposed gonogo.yml loads, validates and binds as it is", () => {
  it.each(checklists)("%s", async (path) => {
    await expectLoadsAndBinds(path);
  });

  const files = existsSync(shared) ? readdirSync(shared).filter((n) => n.endsWith(".txt")) : [];
  it.skipIf(files.length === 0).each(files)("../shared/checklists/%s", async (name) => {
    const { plan, inferences } = await expectLoadsAndBinds(new URL(name, shared).pathname);
    expect(plan.manual.size + plan.checks.length).toBeGreaterThan(0);
    expect(inferences.length).toBeGreaterThan(0);
  });

  it("quotes each item above its check, lists manual items by section, comments out waiver candidates", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "gonogo-init-")), "checklist.md");
    writeFileSync(
      path,
      "# Launch\n## Ops\n- [ ] Team trained\n- [ ] Same text\n- [ ] Same text\n## Infra\n- [x] `/healthz` returns 200\n- [ ] Helm charts (if using K8s)\n",
    );
    const checklist = await loadChecklist(path);
    const text = renderConfig(checklist, inferChecks(checklist), {
      available,
      today: new Date("2026-01-01"),
    });
    expect(text).toContain("  # - [x] /healthz returns 200  (line 7)\n  # http, confidence 0.9");
    expect(text).toContain("manual:\n");
    expect(text).toContain(
      '  # ## Ops\n  - "Team trained"\n  - "launch/ops/same-text"\n  - "launch/ops/same-text-2"',
    );
    expect(text).toContain(
      '#   - { item: "Helm charts (if using K8s)", reason: "not applicable here (if using K8s)"',
    );
    expect(text).toContain('until: "2027-01-01"');
    expect(text).toContain('  api: { url: "${API_URL:-http://127.0.0.1:8080}" }');
  });

  it("writes checks for probes this gonogo lacks commented out, so the file still loads", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "gonogo-init-")), "checklist.md");
    writeFileSync(
      path,
      "- [ ] `/session/offer` p95 latency <200ms\n- [ ] Rate limiting configured (30 req/min per IP)\n",
    );
    const checklist = await loadChecklist(path);
    const text = renderConfig(checklist, inferChecks(checklist), { available: new Set(["http"]) });
    expect(text).toContain('  #   load: { target: "api", path: "/session/offer", vus: 10, duration: "10s" }');
    expect(text).toContain('  #   burst: { target: "api", path: "/", requests: 40 }');
    const out = join(mkdtempSync(join(tmpdir(), "gonogo-init-")), "gonogo.yml");
    writeFileSync(out, text);
    const loaded = await loadConfig(out, {});
    expect(loaded.checks).toEqual([]);
  });

  it("writes guesses commented out, and uncommenting them gives checks that load", async () => {
    const path = new URL("test/fixtures/checklists/offers-launch.md", repo).pathname;
    const { text, plan } = await proposeAndLoad(path);
    expect(text).toContain("7 more item(s) have only a low-confidence proposal, commented out");
    const uncommented = text
      .split("\n")
      .filter((line) => !line.startsWith("  # # "))
      .map((line) => line.replace(/^ {2}# ( {2}|[a-z0-9-]+:$)/, "  $1"))
      .join("\n");
    const out = join(mkdtempSync(join(tmpdir(), "gonogo-init-")), "gonogo.yml");
    writeFileSync(out, uncommented);
    const loaded = await loadConfig(out, {});
    expect(loaded.checks.length).toBe(plan.checks.length + 7);
  });

  // load and burst are being written: once registered, their proposals must load too.
  it.runIf(PROBES.has("load") && PROBES.has("burst"))(
    "load and burst proposals load once those probes exist",
    async () => {
      const path = join(mkdtempSync(join(tmpdir(), "gonogo-init-")), "checklist.md");
      writeFileSync(
        path,
        "- [ ] `/session/offer` p95 latency <200ms\n- [ ] k6 load test passes with 150 VUs for 3 minutes\n- [ ] `/session/offer` rate limited at 30 req/min per IP\n- [ ] 429 responses with retry-after\n",
      );
      const { plan, text } = await expectLoadsAndBinds(path);
      // "k6 load test passes" and "429 responses" name no route (confidence 0.4): both written
      // commented out, to review.
      expect(plan.checks.map((c) => c.probe.name).sort()).toEqual(["burst", "load"]);
      expect(text).toContain(
        "  # low confidence: review before enabling, then uncomment\n  # # load, confidence 0.4",
      );
    },
  );
});

describe("--merge", () => {
  it("adds checks for unbound items after the checks block and changes no existing line", async () => {
    const path = new URL("examples/quickstart/checklist.md", repo).pathname;
    const checklist = await loadChecklist(path);
    // The proposal for the quickstart, less two checks (and nothing else), stands for a file a user kept.
    const full = renderConfig(checklist, inferChecks(checklist), { available: new Set(PROBES.keys()) });
    const drop = (text: string, quoted: string) =>
      text.replace(new RegExp(`\\n  # - \\[x\\] ${quoted}[^]*?\\n\\n`), "\n\n");
    const withoutUnit = drop(drop(full, "Dockerfile uses a multi-stage build"), "Unit tests pass");
    expect(withoutUnit).not.toContain("dockerfile-uses-a-multi-stage-build:");
    expect(withoutUnit).not.toContain("unit-tests-pass-node-test:");
    const { text, added } = mergeConfig(
      "gonogo.yml",
      withoutUnit,
      checklist,
      inferChecks(checklist),
      new Set(PROBES.keys()),
    );
    expect(added).toBe(2);
    const before = withoutUnit.split("\n");
    const after = text.split("\n");
    // The old lines are all there, in order: new lines were only inserted.
    let k = 0;
    for (const line of after) if (line === before[k]) k++;
    expect(k).toBeGreaterThanOrEqual(before.length - 1);
    expect(text.indexOf("dockerfile-uses-a-multi-stage-build:")).toBeLessThan(text.indexOf("\nmanual:"));
    const out = join(mkdtempSync(join(tmpdir(), "gonogo-merge-")), "gonogo.yml");
    writeFileSync(out, text);
    const plan = bindPlan(checklist, await loadConfig(out, {}));
    expect(plan.checks.map((c) => c.id)).toContain("unit-tests-pass-node-test");
  });

  it("adds nothing when every item is bound", async () => {
    const path = new URL("examples/quickstart/checklist.md", repo).pathname;
    const checklist = await loadChecklist(path);
    const original = readFileSync(new URL("examples/quickstart/gonogo.yml", repo), "utf8");
    const inferences = inferChecks(checklist).filter((i) => !/p95/.test(i.item.text));
    const result = mergeConfig("gonogo.yml", original, checklist, inferences, new Set(PROBES.keys()));
    expect(result).toEqual({ text: original, added: 0 });
  });

  it("adds a targets entry the new checks need", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "gonogo-merge-")), "checklist.md");
    writeFileSync(path, "- [ ] `/healthz` returns 200\n- [ ] Dockerfile uses a multi-stage build\n");
    const checklist = await loadChecklist(path);
    const existing =
      'version: 1\ntargets:\n  api: { url: "http://x" }\nchecks:\n  h:\n    item: "/healthz returns 200"\n    http: { target: api, path: /healthz }\n    expect: ["status == 200"]\n';
    const { text } = mergeConfig(
      "gonogo.yml",
      existing,
      checklist,
      inferChecks(checklist),
      new Set(PROBES.keys()),
    );
    expect(
      text.startsWith(
        'version: 1\ntargets:\n  api: { url: "http://x" }\n  repo: { path: "." }\nchecks:\n  h:\n',
      ),
    ).toBe(true);
    const out = join(mkdtempSync(join(tmpdir(), "gonogo-merge-")), "gonogo.yml");
    writeFileSync(out, text);
    expect(bindPlan(checklist, await loadConfig(out, {})).checks).toHaveLength(2);
  });
});
