import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeProject } from "../support/config-file.js";
import { runCli, stdoutReport } from "../support/run-cli.js";

// Every status, a nested parent decided by its children, an item above the first heading, a lint
// finding and a sign-off slot: what a renderer could get wrong drawing from a stored report.
const CHECKLIST = `- [x] Loose item above the headings

# Launch

## Build
- [x] Build is green
- [x] Tests
  - [x] Unit tests pass
  - [ ] Integration tests pass
- [x] Changelog written

## Ops
- [ ] Runbook reviewed
- [ ] Not applicable here

**Sign-off:** ____
`;
const CONFIG = `version: 1
checks:
  build:
    item: "Build is green"
    command: { run: "exit 0" }
    expect: [ "exit_code == 0" ]
  unit:
    item: "Unit tests pass"
    command: { run: "echo 3 failing; exit 3" }
    expect: [ "exit_code == 0" ]
  integration:
    item: "Integration tests pass"
    command: { run: "exit 0", cwd: /nonexistent }
    expect: [ "exit_code == 0" ]
waivers:
  - { item: "Not applicable here", reason: "no ops yet", by: "lead", until: 2099-12-31 }
gates:
  overall: 85%
  critical: [ "Build is green" ]
`;

describe("gonogo show", () => {
  it("renders a stored run exactly as verify printed it, in every format it can", async () => {
    const project = writeProject(CHECKLIST, CONFIG);
    const formats = ["text", "json", "junit", "markdown"];
    for (const [index, format] of formats.entries()) {
      const verify = await runCli(["verify", project.checklistPath, "--format", format]);
      expect(verify.code, verify.stderr).toBe(1);
      expect(verify.stderr).toContain(`run #${index + 1} recorded`);
      const show = await runCli([
        "show",
        String(index + 1),
        "--format",
        format,
        "--checklist",
        project.checklistPath,
      ]);
      expect(show.code, show.stderr).toBe(0);
      if (format === "text") {
        expect(show.stdout).toMatch(/^run #1 · \S+ · by .+\n\n/);
        expect(show.stdout.replace(/^.*\n\n/, "")).toBe(verify.stdout);
      } else expect(show.stdout, format).toBe(verify.stdout);
    }
    const report = stdoutReport(await runCli(["show", "2", "--json", "--checklist", project.checklistPath]));
    expect(report.items.map((i) => i.status)).toEqual([
      "claimed",
      "pass",
      "fail",
      "fail",
      "error",
      "claimed",
      "open",
      "waived",
    ]);
    const html = await runCli(["show", "1", "--format", "html", "--checklist", project.checklistPath]);
    expect(html.code, html.stderr).toBe(0);
    expect(html.stdout).toContain("<title>NO-GO: Launch</title>");
    // The page is dated when the run started, not when it was shown.
    const history = JSON.parse((await runCli(["history", project.checklistPath, "--json"])).stdout);
    expect(html.stdout).toContain(`· ${history.at(-1).startedAt}</footer>`);
  });
});

describe("gonogo schema --report", () => {
  it("prints the JSON Schema of the JSON report, as the package ships it; without --report, gonogo.yml's", async () => {
    const shipped = (name: string) => readFileSync(join(import.meta.dirname, "../../schema", name), "utf8");
    const report = await runCli(["schema", "--report"]);
    expect([report.code, report.stdout]).toEqual([0, shipped("report.schema.json")]);
    expect(JSON.parse(report.stdout).title).toBe("gonogo JSON report, schemaVersion 1");
    const config = await runCli(["schema"]);
    expect([config.code, config.stdout]).toEqual([0, shipped("gonogo.schema.json")]);
  });
});
