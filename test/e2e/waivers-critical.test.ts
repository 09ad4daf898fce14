import { describe, expect, it } from "vitest";
import { writeProject } from "../support/config-file.js";
import { runCli, stdoutReport } from "../support/run-cli.js";

const CHECKLIST = `# Launch

## Data
- [x] Backups configured
  - [x] Nightly dump runs
  - [x] Restore drill done
- [x] Logs shipped
- [x] Dashboards online
`;

const CHECKS = `checks:
  backups:
    item: "Backups configured"
    command: { run: "true" }
    expect: [ "exit_code == 0" ]
  dump:
    item: "Nightly dump runs"
    command: { run: "true" }
    expect: [ "exit_code == 0" ]
  drill:
    item: "Restore drill done"
    command: { run: "echo restore failed; exit 3" }
    expect: [ "exit_code == 0" ]
`;

describe("critical items and broad waivers through the CLI", () => {
  it("says NO-GO for a critical parent whose own check passes over a failing child", async () => {
    const project = writeProject(
      CHECKLIST,
      `version: 1\n${CHECKS}gates: { overall: 50%, critical: [ "Backups configured" ] }\n`,
    );
    const run = await runCli(["verify", project.checklistPath, "--format", "json", "--no-store"]);
    expect(run.code, run.stderr).toBe(1);
    const report = stdoutReport(run);
    expect(report.items.find((i) => i.text === "Backups configured")?.status).toBe("pass");
    expect(report.gates?.find((g) => g.name === "critical items")).toMatchObject({
      ok: false,
      reason: '"Backups configured" (line 4) is pass, but "Restore drill done" (line 6) under it is fail',
    });
  });

  it("warns of a waiver that covers several items, refuses it on a critical one, and shows the failed check it waives", async () => {
    const project = writeProject(
      CHECKLIST,
      `version: 1
${CHECKS}waivers:
  - { item: "/o/", reason: "later", by: "ops lead", until: 2999-01-01 }
gates: { overall: 50%, critical: [ "Logs shipped" ] }
`,
    );
    const run = await runCli(["verify", project.checklistPath, "--no-store"]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(
      /gonogo: .*gonogo\.yml:\d+:\d+ waivers\[0\]\.item: "\/o\/" covers 4 items: "Backups configured" \(line 4\), "Restore drill done" \(line 6\), "Logs shipped" \(line 7, critical\), "Dashboards online" \(line 8\); write one waiver per item/,
    );
    expect(run.stdout).toContain(
      '"Logs shipped" (line 7) is waived: a critical item must be ready (take it out of gates.critical if it does not apply)',
    );
    // The waiver leaves the drill out of the percentages, not out of sight.
    expect(run.stdout).toMatch(/- waived\s+Restore drill done — waived, but its check did not pass/);
    expect(run.stdout).toMatch(/check drill \(command, [\d.]+m?s\): fail\n\s+exit_code 3 == 0 ✗/);
  });

  it("warns and lists the items when attest names several, and refuses a blank --by on attest, waive and signoff", async () => {
    const project = writeProject(CHECKLIST, "version: 1\n");
    const attest = await runCli(["attest", project.checklistPath, "/o/", "--by", "Ana"]);
    expect(attest.code, attest.stderr).toBe(0);
    expect(attest.stderr).toContain(
      'gonogo: "/o/" covers 4 items: "Backups configured" (line 4), "Restore drill done" (line 6), "Logs shipped" (line 7), "Dashboards online" (line 8); attesting each of them',
    );
    const blank = [
      ["attest", project.checklistPath, "Logs shipped", "--by", ""],
      ["attest", project.checklistPath, "Logs shipped", "--by", "   "],
      [
        "waive",
        project.checklistPath,
        "Logs shipped",
        "--by",
        " ",
        "--reason",
        "n/a",
        "--until",
        "2999-01-01",
      ],
      ["signoff", project.checklistPath, "Data", "--by", "", "--role", "Data Lead"],
    ];
    for (const args of blank) {
      const run = await runCli(args);
      expect(run.code, `${args.join(" ")}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(/--by "\s*": who .* cannot be blank/);
      expect(run.stdout).toBe("");
    }
  });
});
