import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonReport } from "../../src/model/report.js";
import { writeProject } from "../support/config-file.js";
import { runCli, stdoutReport } from "../support/run-cli.js";

// The forbidden text sits past every read limit: 2 MiB into a body and a file, and before the
// last 64 KiB of a command's output. Read in part, an absence check must not pass.
const FORBIDDEN = "Traceback (most recent call last)";
const FILLER = "all good here\n".repeat(150_000); // ~2.1 MB

let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === "/debug") response.end(`${FILLER}${FORBIDDEN}\n`);
    else if (request.url === "/config") response.end(`{"filler": "${"x".repeat(2_000_000)}", "debug": true}`);
    else response.writeHead(200, { "content-type": "text/html" }).end("<html>debug: on</html>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const CHECKLIST = `# Launch
- [x] Debug page shows no stack traces
- [x] Debug page still answers
- [x] Config API has no debug flag
- [x] Home page has no debug flag
- [x] Logs hold no stack traces
- [x] Test run prints no failures
- [x] Release notes are short
`;

function config(limits: { http: string; file: string; command: string }): string {
  return `version: 1
targets:
  api: { url: "${url}" }
defaults: { timeout: 30s }
checks:
  debug-page:
    item: "Debug page shows no stack traces"
    http: { target: api, path: /debug${limits.http} }
    expect: [ 'body !contains "Traceback"', "secrets == 0" ]
  debug-answers:
    item: "Debug page still answers"
    http: { target: api, path: /debug${limits.http} }
    expect: [ "status == 200", 'body contains "all good"' ]
  config-api:
    item: "Config API has no debug flag"
    http: { target: api, path: /config${limits.http} }
    expect: [ "json.debug !exists" ]
  home-page:
    item: "Home page has no debug flag"
    http: { target: api, path: / }
    expect: [ "json.debug !exists" ]
  logs:
    item: "Logs hold no stack traces"
    file: { path: "logs/*.log"${limits.file} }
    expect: [ 'content !matches /Traceback/' ]
  tests:
    item: "Test run prints no failures"
    command: { run: "echo 'FAIL: login test'; yes 'ok' | head -c 200000"${limits.command} }
    expect: [ "exit_code == 0", 'stdout !contains "FAIL"' ]
  notes:
    item: "Release notes are short"
    file: { path: "docs/RELEASE*.md" }
    expect: [ "size < 10KB" ]
`;
}

function project(limits: { http: string; file: string; command: string }) {
  const created = writeProject(CHECKLIST, config(limits));
  mkdirSync(join(created.dir, "logs"));
  writeFileSync(join(created.dir, "logs", "app.log"), `${FILLER}${FORBIDDEN}\n`);
  return created;
}

type Item = JsonReport["items"][number];
const byText = (report: JsonReport, text: string): Item => {
  const item = report.items.find((entry) => entry.text === text);
  if (item === undefined) throw new Error(`no item "${text}"`);
  return item;
};
const errorsOf = (item: Item) => item.checks.flatMap((check) => check.expectations.map((e) => e.error));

describe("gonogo verify on content read only in part", () => {
  it("refuses absences judged past a read limit, naming the limit and the key to raise", async () => {
    const { checklistPath } = project({ http: "", file: "", command: "" });
    const run = await runCli(["verify", checklistPath, "--format", "json"]);
    const report = stdoutReport(run);
    expect(run.code, run.stderr).toBe(1);
    expect(report.verdict).toBe("NO-GO");

    const debug = byText(report, "Debug page shows no stack traces");
    expect(debug.status).toBe("error");
    expect(errorsOf(debug)).toEqual([
      `cannot judge body !contains "Traceback" on part of body: the body was cut at max_body (1MiB), and the part not read could change the answer; raise max_body in the check's http block to read it all`,
      `cannot judge secrets == 0 on part of secrets: the body was cut at max_body (1MiB), and the part not read could change the answer; raise max_body in the check's http block to read it all`,
    ]);
    // Presence found in what was read still passes.
    expect(byText(report, "Debug page still answers").status).toBe("pass");

    const configApi = byText(report, "Config API has no debug flag");
    expect(configApi.status).toBe("error");
    expect(configApi.checks[0]?.error).toBe(
      "cannot judge json.debug !exists: json.debug could not be read (the body was cut at max_body (1MiB)); raise max_body in the check's http block to read it all",
    );
    const home = byText(report, "Home page has no debug flag");
    expect(home.status).toBe("error");
    expect(home.checks[0]?.error).toMatch(
      /^cannot judge json\.debug !exists: json\.debug could not be read \(body is not JSON: /,
    );

    const logs = byText(report, "Logs hold no stack traces");
    expect(logs.status).toBe("error");
    expect(logs.checks[0]?.error).toContain("content was read only to max_content (1MiB)");
    expect(logs.checks[0]?.error).toContain("raise max_content in the check's file block");

    const tests = byText(report, "Test run prints no failures");
    expect(tests.status).toBe("error");
    expect(tests.checks[0]?.error).toContain("only the last 64KiB of stdout were kept (max_output)");
    expect(tests.checks[0]?.error).toContain("raise max_output in the check's command block");

    const notes = byText(report, "Release notes are short");
    expect(notes.status).toBe("error");
    expect(notes.checks[0]?.error).toBe("no value for size: the probe looked and found nothing there");
  });

  it("judges them for real once the limits are raised: the forbidden text is found and the checks fail", async () => {
    const { checklistPath } = project({
      http: ", max_body: 4MiB",
      file: ", max_content: 4MiB",
      command: ", max_output: 1MiB",
    });
    const run = await runCli(["verify", checklistPath, "--format", "json"]);
    const report = stdoutReport(run);
    expect(run.code, run.stderr).toBe(1);
    const statuses = Object.fromEntries(report.items.map((item) => [item.text, item.status]));
    const errors = report.items.flatMap((item) => item.checks.flatMap((check) => check.error ?? []));
    expect(statuses, errors.join("\n")).toMatchObject({
      "Debug page shows no stack traces": "fail",
      "Debug page still answers": "pass",
      "Config API has no debug flag": "fail",
      "Logs hold no stack traces": "fail",
      "Test run prints no failures": "fail",
    });
  });
});
