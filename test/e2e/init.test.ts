import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statusesWithLatencyJudged } from "../support/latency-judged.js";
import { QUICKSTART_DIR, QUICKSTART_LATENCY_ITEMS, startQuickstart } from "../support/quickstart.js";
import { runCli, stdoutReport } from "../support/run-cli.js";

let service: Awaited<ReturnType<typeof startQuickstart>>;
beforeAll(async () => {
  service = await startQuickstart();
});
afterAll(async () => {
  await service.stop();
});

/** The quickstart without its gonogo.yml (and without a store left by another run). */
function quickstartCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "gonogo-init-e2e-"));
  cpSync(QUICKSTART_DIR, dir, { recursive: true });
  rmSync(join(dir, "gonogo.yml"));
  rmSync(join(dir, ".gonogo"), { recursive: true, force: true });
  return dir;
}

describe("gonogo init", () => {
  it("proposes a config that verify runs against the live quickstart with no edits", async () => {
    const dir = quickstartCopy();
    const checklist = join(dir, "checklist.md");
    const init = await runCli(["init", checklist, "--target", `api=${service.url}`]);
    expect(init.stderr).toContain("items have a check");
    expect(init.code).toBe(0);
    const config = readFileSync(join(dir, "gonogo.yml"), "utf8");
    expect(config).toContain(`api: { url: "${service.url}" }`);

    const run = await runCli(["verify", checklist, "--format", "json"]);
    expect(run.stderr).not.toMatch(/problem|binding/);
    const report = stdoutReport(run);
    // NO-GO is expected (the quickstart leaks a key), but no check may be an error from a wrong config.
    expect(report.items.filter((i) => i.status === "error")).toEqual([]);
    // A latency target is judged on this machine's load: it may fail on a busy one, on latency alone.
    const statusOf = statusesWithLatencyJudged(report.items, QUICKSTART_LATENCY_ITEMS);
    expect(statusOf).toMatchObject({
      "/healthz returns 200 in under 300ms": "judged",
      "/readyz reports the database as ready": "pass",
      "/api/orders returns JSON with at least one order": "pass",
      "No secrets exposed in the /api/config response": "fail",
      "Security headers set on every response (HSTS, CSP, X-Content-Type-Options)": "pass",
      "Responses never disclose the server software version": "pass",
      "Dockerfile uses a multi-stage build": "pass",
      "Final stage runs as a non-root user": "pass",
      "Container has a health check": "pass",
      "Unit tests pass (node --test)": "pass",
      "/api/orders p95 latency under 200ms at 50 requests per second": "judged",
    });
    expect(run.code, run.stderr).toBe(1);
  }, 120_000);

  it("never overwrites an existing file without --force", async () => {
    const dir = quickstartCopy();
    const checklist = join(dir, "checklist.md");
    writeFileSync(join(dir, "gonogo.yml"), "version: 1\n");
    const refused = await runCli(["init", checklist]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      "already exists: --merge adds checks for unbound items, --force replaces it",
    );
    expect(readFileSync(join(dir, "gonogo.yml"), "utf8")).toBe("version: 1\n");
    const forced = await runCli(["init", checklist, "--force"]);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, "gonogo.yml"), "utf8")).toContain(
      'api: { url: "${API_URL:-http://127.0.0.1:8080}" }',
    );
  });

  it("refuses to write over the checklist itself, even with --force", async () => {
    const dir = quickstartCopy();
    const checklist = join(dir, "checklist.md");
    const before = readFileSync(checklist, "utf8");
    const refused = await runCli(["init", checklist, "--out", checklist, "--force"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("is the checklist itself");
    expect(readFileSync(checklist, "utf8")).toBe(before);
  });

  it("--merge keeps every existing line and adds checks for unbound items only", async () => {
    const dir = quickstartCopy();
    const checklist = join(dir, "checklist.md");
    const mine = [
      "version: 1",
      "targets:",
      `  api: { url: "${service.url}" }  # mine`,
      "checks:",
      "  mine:",
      '    item: "/healthz returns 200 in under 300ms"',
      "    http: { target: api, path: /healthz }",
      '    expect: ["status == 200"]',
      "manual:",
      '  - "On-call rotation staffed for launch week"',
      "",
    ].join("\n");
    writeFileSync(join(dir, "gonogo.yml"), mine);
    const merged = await runCli(["init", checklist, "--merge"]);
    expect(merged.code).toBe(0);
    const text = readFileSync(join(dir, "gonogo.yml"), "utf8");
    for (const line of mine.split("\n")) expect(text.split("\n")).toContain(line);
    expect(text.match(/item: "\/healthz returns 200 in under 300ms"/g)).toHaveLength(1);
    expect(text).toContain('item: "/readyz reports the database as ready"');
    const run = await runCli(["verify", checklist, "--format", "json"]);
    expect(run.code, run.stderr).toBe(1);
    const report = stdoutReport(run);
    expect(report.items.filter((i) => i.status === "error")).toEqual([]);
  }, 120_000);

  it("--out writes elsewhere, and a missing folder is a usage error", async () => {
    const dir = quickstartCopy();
    const out = join(dir, "proposed.yml");
    expect((await runCli(["init", join(dir, "checklist.md"), "--out", out])).code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const missing = await runCli(["init", join(dir, "checklist.md"), "--out", join(dir, "nope", "g.yml")]);
    expect(missing.code).toBe(2);
  });
});

describe("gonogo init --explain", () => {
  it("prints a table and the share of items bound, writing nothing", async () => {
    const dir = quickstartCopy();
    const run = await runCli(["init", "--explain", join(dir, "checklist.md")]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^line\s+item\s+probe\s+expectations\s+conf$/m);
    expect(run.stdout).toMatch(
      /^6\s+\/healthz returns 200 in under 300ms\s+http\s+status == 200; latency < 300ms\s+0\.9$/m,
    );
    expect(run.stdout).toMatch(/\d+ of 13 items have a proposed check \(\d+%\)\./);
    expect(existsSync(join(dir, "gonogo.yml"))).toBe(false);
  });

  it("--json gives one entry per item in document order, manual items with no proposals", async () => {
    const run = await runCli(["init", "--explain", "--json", join(QUICKSTART_DIR, "checklist.md")]);
    expect(run.code).toBe(0);
    const entries = JSON.parse(run.stdout) as {
      item: { id: string; text: string; line: number };
      proposals: {
        probe: string;
        config: Record<string, unknown>;
        expect: string[];
        confidence: number;
        because: string[];
      }[];
    }[];
    expect(entries.map((e) => e.item.line)).toEqual(
      [...entries.map((e) => e.item.line)].sort((a, b) => a - b),
    );
    expect(entries[0]).toEqual({
      item: {
        id: "orders-api-launch-checklist/service-health/healthz-returns-200-in-under-300ms",
        text: "/healthz returns 200 in under 300ms",
        line: 6,
      },
      proposals: [
        {
          probe: "http",
          config: { target: "api", path: "/healthz" },
          expect: ["status == 200", "latency < 300ms"],
          confidence: 0.9,
          because: ["/healthz", "healthz", "under 300ms"],
        },
      ],
    });
    expect(
      entries.find((e) => e.item.text === "On-call rotation staffed for launch week")?.proposals,
    ).toEqual([]);
  });

  it("--json without --explain is a usage error", async () => {
    const run = await runCli(["init", "--json", join(QUICKSTART_DIR, "checklist.md")]);
    expect(run.code).toBe(2);
  });
});

describe("gonogo init and editors", () => {
  it("writes the yaml-language-server line first, pointing at the shipped schema relative to gonogo.yml", async () => {
    const root = mkdtempSync(join(tmpdir(), "gonogo-init-schema-"));
    const docs = join(root, "docs");
    mkdirSync(docs);
    writeFileSync(join(docs, "launch.md"), "# Launch\n- [ ] /healthz returns 200\n");
    const alone = await runCli(["init", join(docs, "launch.md")]);
    expect(alone.code, alone.stderr).toBe(0);
    const line = (path: string) => readFileSync(path, "utf8").split("\n")[0];
    expect(line(join(docs, "gonogo.yml"))).toBe(
      "# yaml-language-server: $schema=./node_modules/gonogo/schema/gonogo.schema.json",
    );
    // Installed at the repository's root (a monorepo): the path climbs to it.
    mkdirSync(join(root, "node_modules", "gonogo", "schema"), { recursive: true });
    writeFileSync(join(root, "node_modules", "gonogo", "schema", "gonogo.schema.json"), "{}");
    const installed = await runCli(["init", join(docs, "launch.md"), "--force"]);
    expect(installed.code, installed.stderr).toBe(0);
    expect(line(join(docs, "gonogo.yml"))).toBe(
      "# yaml-language-server: $schema=../node_modules/gonogo/schema/gonogo.schema.json",
    );
    // The line is a comment: the config it heads still loads.
    const status = await runCli(["verify", join(docs, "launch.md"), "--no-store", "--format", "json"]);
    expect(status.code, status.stderr).not.toBe(2);
  });
});
