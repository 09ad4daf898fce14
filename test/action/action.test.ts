import { execFile } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";

// The action's entry point run as the runner runs it: `node action/index.js` in the workspace,
// inputs as INPUT_* variables, and the files and variables a GitHub-hosted runner sets. The pull
// request comment goes to a server on 127.0.0.1 that answers like GitHub's REST API.

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ENTRY = join(ROOT, "action", "index.js");
const TOKEN = "ghs_test-token-for-the-fake-api";

interface Comment {
  id: number;
  body: string;
  html_url: string;
}

/** GitHub's issue-comment endpoints, in memory: list (paged), create, update. */
function fakeGithub(): { server: Server; comments: Comment[]; calls: string[] } {
  const comments: Comment[] = [];
  const calls: string[] = [];
  let nextId = 1000;
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    calls.push(`${request.method} ${url.pathname}`);
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (request.headers.authorization !== `Bearer ${TOKEN}`)
      return reply(401, { message: "Bad credentials" });
    const list = /^\/repos\/acme\/shop\/issues\/(\d+)\/comments$/.exec(url.pathname);
    const one = /^\/repos\/acme\/shop\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (list && request.method === "GET") {
      const perPage = Number(url.searchParams.get("per_page") ?? 30);
      const page = Number(url.searchParams.get("page") ?? 1);
      return reply(200, comments.slice((page - 1) * perPage, page * perPage));
    }
    if (list && request.method === "POST") {
      const comment = { id: nextId++, body: (await jsonBody(request)).body, html_url: "" };
      comment.html_url = `https://github.example/acme/shop/pull/${list[1]}#issuecomment-${comment.id}`;
      comments.push(comment);
      return reply(201, comment);
    }
    const found = one && comments.find((comment) => comment.id === Number(one[1]));
    if (found && request.method === "PATCH") {
      found.body = (await jsonBody(request)).body;
      return reply(200, found);
    }
    reply(404, { message: "Not Found" });
  });
  return { server, comments, calls };
}

async function jsonBody(request: IncomingMessage): Promise<{ body: string }> {
  let text = "";
  for await (const chunk of request) text += chunk;
  return JSON.parse(text);
}

const CHECKLIST = [
  "# Shop launch",
  "",
  "## Operations",
  "- [x] Runbook written",
  "- [x] Rollback plan written",
  "- [ ] Pager rota staffed",
  "",
].join("\n");

const CONFIG = [
  "version: 1",
  "checks:",
  "  runbook:",
  '    item: "Runbook written"',
  "    file: { path: RUNBOOK.md }",
  '    expect: ["exists == true"]',
  "  rollback:",
  '    item: "Rollback plan written"',
  "    file: { path: ROLLBACK.md }",
  '    expect: ["exists == true"]',
  'manual: ["Pager rota staffed"]',
  'gates: { overall: 30%, critical: ["Rollback plan written"] }',
  "",
].join("\n");

let workspace: string;
let github: ReturnType<typeof fakeGithub>;
let apiUrl: string;

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), "gonogo-action-"));
  await writeFile(join(workspace, "LAUNCH.md"), CHECKLIST);
  await writeFile(join(workspace, "gonogo.yml"), CONFIG);
  await writeFile(join(workspace, "RUNBOOK.md"), "# Runbook\n");
  await writeFile(
    join(workspace, "event.json"),
    JSON.stringify({ action: "synchronize", pull_request: { number: 7 } }),
  );
  github = fakeGithub();
  github.server.listen(0, "127.0.0.1");
  await once(github.server, "listening");
  apiUrl = `http://127.0.0.1:${(github.server.address() as AddressInfo).port}`;
  // 100 comments by others, so the action's own lands on the second page of the list.
  for (let id = 1; id <= 100; id++) github.comments.push({ id, body: `review comment ${id}`, html_url: "" });
});

afterAll(async () => {
  github.server.close();
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** One step: fresh GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, as the runner makes for each step. */
async function runStep(inputs: Record<string, string>, extraEnv: NodeJS.ProcessEnv = {}): Promise<ActionRun> {
  const step = await mkdtemp(join(workspace, "step-"));
  const outputFile = join(step, "output");
  const summaryFile = join(step, "summary");
  await writeFile(outputFile, "");
  await writeFile(summaryFile, "");
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: "acme/shop",
    GITHUB_EVENT_NAME: "pull_request",
    GITHUB_EVENT_PATH: join(workspace, "event.json"),
    GITHUB_API_URL: apiUrl,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: step,
    "INPUT_GITHUB-TOKEN": TOKEN,
    "INPUT_REPORT-DIR": "gonogo-report",
    "INPUT_FAIL-ON": "NO-GO",
    INPUT_FORMAT: "text",
    INPUT_COMMENT: "true",
    ...Object.fromEntries(
      Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
    ),
    ...extraEnv,
  };
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve) => {
      execFile(process.execPath, [ENTRY], { cwd: workspace, env }, (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
      );
    },
  );
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(await readFile(outputFile, "utf8")),
    summary: await readFile(summaryFile, "utf8"),
  };
}

/** GITHUB_OUTPUT's `name<<DELIMITER` blocks, as the runner reads them. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const head = /^([\w-]+)<<(.+)$/.exec(lines[i] ?? "");
    if (!head) continue;
    const end = lines.indexOf(head[2] as string, i + 1);
    outputs[head[1] as string] = lines.slice(i + 1, end).join("\n");
    i = end;
  }
  return outputs;
}

// Each step spawns gonogo five times (verify, three renderings, the log's report): slow on a busy machine.
describe("the GitHub Action", { timeout: 300_000 }, () => {
  it("is a node24 JavaScript action whose inputs are the ones the entry point reads", async () => {
    const action = parseYaml(await readFile(join(ROOT, "action.yml"), "utf8"));
    expect(action.runs).toEqual({ using: "node24", main: "action/index.js" });
    expect(Object.keys(action.inputs)).toEqual(
      expect.arrayContaining([
        "checklist",
        "config",
        "format",
        "fail-on",
        "push-to",
        "token",
        "github-token",
      ]),
    );
    expect(action.inputs.checklist.required).toBe(true);
    for (const output of ["verdict", "report-json", "report-junit", "report-html", "report-markdown"])
      expect(action.outputs[output]).toBeDefined();
  });

  it("on NO-GO: fails the step, annotates the failing item's line, writes reports, summary, outputs and one PR comment", async () => {
    const step = await runStep({ checklist: "LAUNCH.md" });
    expect(step.code, step.stderr).toBe(1);
    // The failing item is line 5 of LAUNCH.md; the verdict is pinned to line 1.
    expect(step.stdout).toMatch(/^::error file=LAUNCH\.md,line=5,title=rollback::Rollback plan written/m);
    expect(step.stdout).toMatch(/^::error file=LAUNCH\.md,line=1,title=gonogo%3A NO-GO::/m);
    expect(step.stdout).not.toMatch(/line=4,/);
    // The report in the format asked for (text) is on the log too.
    expect(step.stdout).toMatch(/NO-GO\s+1 of \d gates? failed/);

    expect(step.outputs.verdict).toBe("NO-GO");
    expect(step.outputs["exit-code"]).toBe("1");
    const dir = join(workspace, "gonogo-report");
    expect(step.outputs["report-json"]).toBe(join(dir, "report.json"));
    const report = JSON.parse(await readFile(join(dir, "report.json"), "utf8"));
    expect(report).toMatchObject({ schemaVersion: 1, verdict: "NO-GO" });
    expect(await readFile(step.outputs["report-junit"] as string, "utf8")).toMatch(
      /<testsuites[\s>][\s\S]*failure/,
    );
    expect(await readFile(step.outputs["report-html"] as string, "utf8")).toMatch(/^<!doctype html>/i);
    const markdown = await readFile(step.outputs["report-markdown"] as string, "utf8");
    expect(markdown).toContain("NO-GO");
    expect(step.summary).toBe(markdown);

    const mine = github.comments.filter((comment) =>
      comment.body.startsWith("<!-- gonogo-report: LAUNCH.md -->"),
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]?.body).toContain("Rollback plan written");
    expect(step.outputs["comment-url"]).toBe(mine[0]?.html_url);
    expect(step.stdout).not.toContain(TOKEN);
  });

  it("updates its own comment on the next run instead of adding one; fail-on never keeps the step green", async () => {
    await writeFile(join(workspace, "ROLLBACK.md"), "# Rollback\n");
    const calls = github.calls.length;
    try {
      const go = await runStep({ checklist: "LAUNCH.md", "fail-on": "never", format: "markdown" });
      expect(go.code, go.stderr).toBe(0);
      expect(go.outputs.verdict).toBe("GO");
      expect(go.stdout).not.toMatch(/^::error/m);
      const mine = github.comments.filter((comment) =>
        comment.body.startsWith("<!-- gonogo-report: LAUNCH.md -->"),
      );
      expect(mine).toHaveLength(1);
      expect(mine[0]?.body).toMatch(/\bGO\b/);
      expect(mine[0]?.body).not.toContain("NO-GO");
      expect(github.calls.slice(calls)).toEqual([
        "GET /repos/acme/shop/issues/7/comments",
        "GET /repos/acme/shop/issues/7/comments",
        `PATCH /repos/acme/shop/issues/comments/${mine[0]?.id}`,
      ]);
    } finally {
      await rm(join(workspace, "ROLLBACK.md"));
    }
    const noGo = await runStep({ checklist: "LAUNCH.md", "fail-on": "never", comment: "false" });
    expect(noGo.code, noGo.stderr).toBe(0);
    expect(noGo.outputs.verdict).toBe("NO-GO");
  });

  it("passes push-to to gonogo verify --push, and the token only in the environment", async () => {
    // `verify --push` is another change's; this records what the action hands the CLI.
    const seen = join(workspace, "cli-seen.json");
    const cli = join(workspace, "record-cli.mjs");
    await writeFile(
      cli,
      `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(seen)}, JSON.stringify({ argv: process.argv.slice(2), token: process.env.GONOGO_TOKEN }));\nprocess.stderr.write("gonogo: stopped here\\n");\nprocess.exit(2);\n`,
    );
    const step = await runStep(
      {
        checklist: "LAUNCH.md",
        "push-to": "http://127.0.0.1:9/gonogo",
        token: "ggo_0123abcd_secret",
        config: "gonogo.yml",
      },
      { GONOGO_ACTION_CLI: cli },
    );
    const recorded = JSON.parse(await readFile(seen, "utf8"));
    expect(recorded.argv).toEqual([
      "verify",
      "LAUNCH.md",
      "--format",
      "json",
      "--out",
      join(workspace, "gonogo-report", "report.json"),
      "--config",
      "gonogo.yml",
      "--push",
      "http://127.0.0.1:9/gonogo",
    ]);
    expect(recorded.token).toBe("ggo_0123abcd_secret");
    expect(step.stdout).not.toContain("ggo_0123abcd_secret");
    // Exit 2 from gonogo (it could not verify) fails the step with an error that says why.
    expect(step.code).toBe(2);
    expect(step.stdout).toMatch(/^::error title=gonogo could not verify LAUNCH\.md::gonogo: stopped here$/m);
    expect(step.outputs["exit-code"]).toBe("2");
  });

  it("refuses an input it does not know how to honour, naming it", async () => {
    const step = await runStep({ checklist: "LAUNCH.md", "fail-on": "sometimes" });
    expect(step.code).toBe(2);
    expect(step.stdout).toContain(
      '::error title=gonogo action::input fail-on: "sometimes" is not NO-GO or never',
    );
  });
});
