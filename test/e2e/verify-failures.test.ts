import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeProject } from "../support/config-file.js";
import { checkedReport } from "../support/report-model.js";
import { runCli, startCli, stdoutReport } from "../support/run-cli.js";
import { GAVE_UP_WITHIN_MS } from "../support/timing.js";

const TOKEN = "tok_3f9a8c1d2e7b6a5f4c3d2e1f";

describe("gonogo verify against targets that misbehave", () => {
  it("never prints a secret given through ${VAR}, in any format or on stderr", async () => {
    // The server echoes the token back in a header and the body, and one check fails on it.
    const server = createServer((request, response) => {
      response.setHeader("x-echo", String(request.headers.authorization));
      response.end(JSON.stringify({ seen: request.headers.authorization }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const project = writeProject(
      "# Secrets\n- [x] API answers with the caller's token\n- [x] API hides the token\n",
      `version: 1
targets:
  api: { url: "${url}", headers: { Authorization: "Bearer \${API_TOKEN}" } }
checks:
  echo:
    item: "API answers with the caller's token"
    http: { target: api, path: "/?t=\${API_TOKEN}" }
    expect: [ 'body contains "\${API_TOKEN}"', 'header.x-echo contains "Bearer"' ]
  hides:
    item: "API hides the token"
    http: { target: api, path: / }
    expect: [ 'body !contains "tok_"', "json.missing exists" ]
`,
    );
    try {
      for (const format of ["text", "json", "junit", "markdown", "html"]) {
        const run = await runCli(["verify", project.checklistPath, "--format", format], {
          env: { API_TOKEN: TOKEN, GITHUB_ACTIONS: "true" },
        });
        expect(run.code, run.stderr).toBe(1);
        expect(run.stdout.length).toBeGreaterThan(100);
        expect(run.stdout, format).not.toContain(TOKEN);
        expect(run.stderr, format).not.toContain(TOKEN);
        expect(run.stdout).toContain("***");
        // Annotations never corrupt machine output: JSON still parses, JUnit stays one document.
        if (format === "json") expect(() => stdoutReport(run)).not.toThrow();
        if (format === "junit") expect(run.stdout).not.toContain("::error");
        if (format === "json" || format === "junit") expect(run.stderr).toContain("::error file=");
      }
      // The store beside the checklist (database and write-ahead log) holds every run's evidence.
      const store = join(project.dir, ".gonogo");
      for (const file of readdirSync(store)) {
        expect(readFileSync(join(store, file)).toString("latin1"), file).not.toContain(TOKEN);
      }
    } finally {
      server.close();
    }
  });

  it("reports unreachable targets and hanging commands as errors within their timeouts, and leaves nothing running", async () => {
    const marker = `gonogo-e2e-${process.pid}-${Date.now()}`;
    const project = writeProject(
      "# Failures\n- [x] Service answers\n- [x] Job finishes\n- [x] Reaper cannot be stopped politely\n",
      `version: 1
targets:
  down: { url: "http://127.0.0.1:1" }
defaults: { timeout: 1s, concurrency: 3 }
checks:
  refused:
    item: "Service answers"
    http: { target: down, path: /health }
    expect: [ "status == 200" ]
  hangs:
    item: "Job finishes"
    command: { run: "sleep 60 # ${marker}" }
    expect: [ "exit_code == 0" ]
  stubborn:
    item: "Reaper cannot be stopped politely"
    command: { run: "trap '' TERM; sleep 61 & sleep 62 & wait # ${marker}" }
    expect: [ "exit_code == 0" ]
`,
    );
    const started = Date.now();
    const run = await runCli(["verify", project.checklistPath, "--format", "json"]);
    expect(Date.now() - started).toBeLessThan(GAVE_UP_WITHIN_MS);
    expect(run.code).toBe(1);
    const report = stdoutReport(run);
    const errors = report.items.map((i) => [i.status, i.checks[0]?.error]);
    expect(errors[0]).toEqual(["error", expect.stringContaining("connection refused")]);
    expect(errors[1]).toEqual(["error", expect.stringContaining("timed out after 1s")]);
    expect(errors[2]).toEqual(["error", expect.stringContaining("timed out after 1s")]);
    const leftovers = execFileSync("ps", ["-eo", "args"])
      .toString()
      .split("\n")
      .filter((l) => l.includes(marker) && !l.includes("ps -eo"));
    expect(leftovers).toEqual([]);
  });

  it("stops cleanly on Ctrl-C and still reports what was measured", async () => {
    const project = writeProject(
      "# Interrupt\n- [x] Quick check\n- [x] Slow check\n",
      `version: 1
checks:
  quick:
    item: "Quick check"
    command: { run: "true" }
    expect: [ "exit_code == 0" ]
  slow:
    item: "Slow check"
    command: { run: "sleep 30", timeout: 60s }
    expect: [ "exit_code == 0" ]
`,
    );
    const cli = startCli(["verify", project.checklistPath, "--format", "json", "--write", "--progress"]);
    // Interrupt once the state is there, however long a loaded machine takes to get to it: the
    // quick check has passed and the slow one has started (so Ctrl-C is handled: see --progress).
    await cli.waitForStderr(
      /finished quick: pass[\s\S]*started slow|started slow[\s\S]*finished quick: pass/,
    );
    cli.child.kill("SIGINT");
    const { code, stdout, stderr } = await cli.finished;
    // Stopped, not waited out: the slow check's 30 s command was cancelled (asserted below).
    expect(code).toBe(1);
    const report = checkedReport(JSON.parse(stdout), "stdout");
    expect(report.items.map((i) => i.status)).toEqual(["pass", "error"]);
    expect(report.items[1]?.checks[0]?.error).toContain("cancelled");
    // Whatever the scores, an interrupted run is NO-GO, says so, and is never signable.
    expect(report.verdict).toBe("NO-GO");
    expect(report.complete).toBe(false);
    expect(report.gates?.at(-1)).toMatchObject({ name: "run complete", ok: false, actual: "interrupted" });
    // The interrupted check's tick stays as it was: --write refuses incomplete evidence.
    expect(stderr).toContain("--write skipped: the run was interrupted");
    expect(readFileSync(project.checklistPath, "utf8")).toContain("- [x] Slow check");
  });

  it("annotates failing items for GitHub Actions", async () => {
    const project = writeProject(
      "# CI\n- [x] Build is green\n",
      'version: 1\nchecks:\n  build:\n    item: "Build is green"\n    command: { run: "exit 3" }\n    expect: [ "exit_code == 0" ]\n',
    );
    const run = await runCli(["verify", project.checklistPath, "--format", "markdown"], {
      env: { GITHUB_ACTIONS: "true" },
    });
    expect(run.stdout).toMatch(
      new RegExp(`::error file=${project.checklistPath.replace(/[/.]/g, "\\$&")},line=2,`),
    );
  });

  it("exits 2 with the file and line of a config error, before running anything", async () => {
    const project = writeProject(
      "# X\n- [ ] a\n",
      'version: 1\nchecks:\n  c:\n    item: "a"\n    http: { target: nowhere }\n    expect: [ "status == 200" ]\n',
    );
    const run = await runCli(["verify", project.checklistPath]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      `${project.configPath}:5:21 checks.c.http.target: target "nowhere" is not defined`,
    );
    expect(run.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it("--write through a symlink rewrites the file it points to and keeps the link", async () => {
    const project = writeProject(
      "# Link\n- [ ] Build is green\n",
      'version: 1\nchecks:\n  build:\n    item: "Build is green"\n    command: { run: "true" }\n    expect: [ "exit_code == 0" ]\n',
    );
    const link = join(project.dir, "link.md");
    symlinkSync("checklist.md", link);
    const run = await runCli(["verify", link, "--write", "--format", "json"]);
    expect(run.code).toBe(0);
    expect(readFileSync(project.checklistPath, "utf8")).toBe("# Link\n- [x] Build is green\n");
    const { lstatSync } = await import("node:fs");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it("--write refuses a checklist that changed during the run: exit 2, report printed, file as the change left it", async () => {
    const checklist = "# Edit\n- [ ] Checklist takes an appended line\n";
    const project = writeProject(
      checklist,
      // YAML single quotes keep the backslash, so printf (not YAML) turns \n into a line break.
      'version: 1\nchecks:\n  append:\n    item: "Checklist takes an appended line"\n' +
        "    command: { run: 'printf \"x\\n\" >> checklist.md', cwd: . }\n" +
        '    expect: [ "exit_code == 0" ]\n',
    );
    const run = await runCli(["verify", project.checklistPath, "--write", "--format", "json"]);
    expect(run.code, run.stderr).toBe(2);
    // The message names the real path (write-back resolves symlinks, as /tmp is on macOS).
    expect(run.stderr).toContain(
      `${realpathSync(project.checklistPath)}: changed since gonogo read it; not written`,
    );
    // The report of what was verified is still there; only the write-back was refused.
    expect(stdoutReport(run).summary).toMatchObject({ items: 1, pass: 1 });
    expect(readFileSync(project.checklistPath, "utf8")).toBe(`${checklist}x\n`);
    expect(readdirSync(project.dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("resolves relative target paths against gonogo.yml's folder when -c names another one", async () => {
    const project = writeProject("# Files\n- [ ] Marker file exists\n", "");
    const configDir = join(project.dir, "config");
    mkdirSync(configDir);
    writeFileSync(join(configDir, "marker.txt"), "here");
    writeFileSync(
      join(configDir, "gonogo.yml"),
      'version: 1\ntargets:\n  repo: { path: "." }\nchecks:\n  marker:\n    item: "Marker file exists"\n    file: { target: repo, path: marker.txt }\n    expect: [ "exists == true" ]\n',
    );
    const run = await runCli([
      "verify",
      project.checklistPath,
      "-c",
      join(configDir, "gonogo.yml"),
      "--format",
      "json",
    ]);
    expect(run.code, run.stderr).toBe(0);
  });
});
