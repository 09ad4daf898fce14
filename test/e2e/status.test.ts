import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BIN, runCli, stdoutReport } from "../support/run-cli.js";

const fixture = fileURLToPath(new URL("../fixtures/checklists/ledger-sync.md", import.meta.url));
const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

describe("gonogo status", () => {
  it("prints the section tree with claimed counts and lint, and never changes the file", async () => {
    const before = sha(fixture);
    const run = await runCli(["status", fixture]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Ledger Sync — Launch Readiness");
    expect(run.stdout).toMatch(/1\. Service Health ✅\s+█+░+\s+4\/7\s+57\.1%/);
    expect(run.stdout).toMatch(/Overall\s+█+░+\s+6\/13\s+46\.2%/);
    expect(run.stdout).toContain(
      "ledger-sync.md:5 stated-total states 12 items, but the document has 13 task items",
    );
    expect(run.stdout).not.toContain("\u001b[");
    expect(sha(fixture)).toBe(before);
  });

  it("--json prints the schemaVersion 1 report with claimed/open statuses, no verdict", async () => {
    const run = await runCli(["status", "--json", fixture]);
    expect(run.code).toBe(0);
    const report = stdoutReport(run);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool.name).toBe("gonogo");
    expect(report.checklist).toMatchObject({
      path: fixture,
      title: "Ledger Sync — Launch Readiness",
      sha256: sha(fixture),
    });
    expect(report).not.toHaveProperty("verdict");
    expect(report).not.toHaveProperty("gates");
    expect(report.summary).toMatchObject({
      items: 13,
      applicable: 13,
      claimed: 6,
      open: 7,
      claimedPct: 46.2,
      verifiedPct: 0,
    });
    expect(new Set(report.items.map((i) => i.status))).toEqual(new Set(["claimed", "open"]));
    const parent = report.items.find((i) => i.line === 14);
    expect(parent).toMatchObject({ checked: true, status: "open" });
    expect(report.items.find((i) => i.line === 16)?.parent).toBe(parent?.id);
    expect(report.sections.map((s) => s.line)).toEqual([1, 3, 9, 11, 18, 26, 37]);
    expect(report.lint.map((f) => f.rule)).toContain("ticked-parent");
  });

  it("colours only when asked: FORCE_COLOR on, NO_COLOR off", async () => {
    const coloured = await runCli(["status", fixture], { env: { NO_COLOR: undefined, FORCE_COLOR: "1" } });
    expect(coloured.stdout).toContain("\u001b[");
  });

  it.each([
    ["a missing file", (dir: string) => join(dir, "missing.md"), "cannot read checklist: no such file"],
    ["a directory", (dir: string) => dir, "is a directory, not a checklist file"],
    [
      "a binary file",
      (dir: string) => {
        const path = join(dir, "logo.png");
        writeFileSync(path, Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]));
        return path;
      },
      "looks like a binary file",
    ],
  ])("exits 2 with one clear line for %s", async (_name, make, message) => {
    const path = make(mkdtempSync(join(tmpdir(), "gonogo-status-")));
    const run = await runCli(["status", path]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain(`${path}: ${message}`);
    expect(run.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it("says so and exits 0 for an empty file or one with no task items", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gonogo-status-"));
    for (const [name, text] of [
      ["empty.md", ""],
      ["prose.md", "# Notes\n\n- a plain list\n"],
    ]) {
      const path = join(dir, name ?? "");
      writeFileSync(path, text ?? "");
      const run = await runCli(["status", path]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("No task items");
    }
  });

  it("reads text that is not UTF-8 as Windows-1252, warning once in the terminal view and on stderr with --json", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "gonogo-cp1252-")), "list.md");
    // "Résumé" and "€" as Windows-1252 bytes: 0xE9 and 0x80 are not valid UTF-8 here.
    writeFileSync(file, Buffer.from("# R\xe9sum\xe9\n\n- [x] Budget \x80 approved\n", "latin1"));
    const text = await runCli(["status", file]);
    expect(text.code).toBe(0);
    expect(text.stdout.match(/not valid UTF-8; read as Windows-1252/g)).toHaveLength(1);
    expect(text.stderr).toBe("");
    expect(text.stdout).toContain("Résumé");
    const json = await runCli(["status", "--json", file]);
    expect(json.stderr).toContain("not valid UTF-8; read as Windows-1252");
    const report = stdoutReport(json);
    expect(report.checklist.encoding).toBe("windows-1252");
    expect(report.items.map((i) => i.text)).toEqual(["Budget € approved"]);
  });

  it("exits 2 on a usage error", async () => {
    const run = await runCli(["status", "--bogus", fixture]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--bogus'");
  });

  // A report of megabytes is written in pieces through one reused buffer, straight to the pipe.
  const bigChecklist = () => {
    const dir = mkdtempSync(join(tmpdir(), "gonogo-status-big-"));
    const lines = ["# Big — launch ≥ 99.9% 😀", ""];
    for (let n = 0; n < 3000; n++)
      lines.push(`- [${n % 2 ? "x" : " "}] Item ${n}: p95 < ${n}ms, café ≥ 90% 😀`);
    const path = join(dir, "big.md");
    writeFileSync(path, `${lines.join("\n")}\n`);
    return path;
  };

  it("--json through a pipe: the whole report, byte for byte the same as into a file", async () => {
    const path = bigChecklist();
    const run = await runCli(["status", "--json", path]);
    expect(run.code).toBe(0);
    const out = join(path, "..", "report.json");
    const toFile = spawnSync("sh", [
      "-c",
      'exec "$0" "$1" status --json "$2" > "$3"',
      process.execPath,
      BIN,
      path,
      out,
    ]);
    expect(toFile.status).toBe(0);
    expect(Buffer.byteLength(run.stdout)).toBeGreaterThan(1 << 20);
    expect(run.stdout).toBe(readFileSync(out, "utf8"));
    expect(stdoutReport(run).items).toHaveLength(3000);
  });

  it("--json into a reader that leaves early (| head) ends quietly with exit 0", async () => {
    const path = bigChecklist();
    // bash: PIPESTATUS holds gonogo's exit code, not head's.
    const pipeline = '"$0" "$1" status --json "$2" | head -c 10; echo " status=${PIPESTATUS[0]}"';
    const run = spawnSync("bash", ["-c", pipeline, process.execPath, BIN, path], { encoding: "utf8" });
    expect(run.stdout).toBe('{\n  "schem status=0\n');
    expect(run.stderr).toBe("");
  });

  const shared = fileURLToPath(new URL("../../../shared/checklists/", import.meta.url));
  it.skipIf(!existsSync(shared))("flags the real checklists' false claims", async () => {
    const realTotal = await runCli(["status", "--json", join(shared, "002_52aa6ce89b4f17b7.txt")]);
    const total = stdoutReport(realTotal).lint.filter((f) => f.rule === "stated-total");
    expect(total).toEqual([
      expect.objectContaining({
        line: 377,
        message: "states about 150 items, but the document has 259 task items",
      }),
    ]);
    const ready = await runCli(["status", "--json", join(shared, "004_89c1233efba101cb.txt")]);
    const claims = stdoutReport(ready).lint.filter((f) => f.rule === "ready-claim");
    expect(claims[0]).toMatchObject({ line: 3, message: expect.stringContaining("READY FOR DEPLOYMENT") });
    expect(claims[0]?.message).toContain("160 of 170 items in the document are open");
  });
});
