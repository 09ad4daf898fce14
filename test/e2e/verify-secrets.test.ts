import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeProject } from "../support/config-file.js";
import { type LocalServer, listenLocally } from "../support/local-server.js";
import { runCli, stdoutReport } from "../support/run-cli.js";

// Made-up credentials, and AWS's documented example key: secret-shaped, they unlock nothing.
const AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
/** Never in the environment: masked by its shape alone. */
const OTHER_AWS_KEY = "AKIAI44QH8DHBEXAMPLE";
const TOKEN = "tok_3f9a/8c1d+2e7b=6a5f";
const PASSWORD = "Zk9x2Lq7wP4mR8";
const PAIR = `alice:${PASSWORD}`;
const ENV = { AWS_ACCESS_KEY_ID: AWS_KEY, API_TOKEN: TOKEN, API_PASSWORD: PASSWORD, GITHUB_ACTIONS: "true" };
const FORMATS = ["text", "json", "junit", "markdown", "html"];

const b64 = (text: string) => Buffer.from(text).toString("base64");
const b64url = (text: string) => Buffer.from(text).toString("base64url");

/** Base64 characters well inside the part that `secret` decides, once embedded after `before`. */
function innerBase64(
  before: string,
  secret: string,
  after: string,
  encode: (text: string) => string,
): string {
  const encoded = encode(`${before}${secret}${after}`);
  return encoded.slice(
    Math.ceil((8 * before.length) / 6) + 2,
    Math.floor((8 * (before.length + secret.length)) / 6) - 2,
  );
}

/** Every spelling of a secret that must never be shown, stored or signed. */
const FORBIDDEN: Record<string, string> = {
  "AWS key": AWS_KEY,
  "AWS key known by its shape": OTHER_AWS_KEY,
  token: TOKEN,
  password: PASSWORD,
  "token URL-encoded": encodeURIComponent(TOKEN),
  "token base64": b64(TOKEN),
  "token base64 unpadded": b64(TOKEN).replace(/=+$/, ""),
  "token base64url": b64url(TOKEN),
  "token base64 of its line (shell)": b64(`${TOKEN}\n`).slice(0, 28),
  "token base64 at offset 1": innerBase64("x", TOKEN, "yz", b64),
  "token base64url inside JSON": innerBase64('{"t":"', TOKEN, '"}', b64url),
  "Basic pair": b64(PAIR),
  "Basic pair base64url": b64url(PAIR),
};

function expectNothingForbidden(text: string, where: string): void {
  for (const [form, value] of Object.entries(FORBIDDEN))
    expect(text, `${form} in ${where}`).not.toContain(value);
}

/** Every file of the SQLite store beside the checklist (database, WAL), as bytes read as text. */
function storeBytes(dir: string): string {
  const folder = join(dir, ".gonogo");
  return readdirSync(folder)
    .map((name) => readFileSync(join(folder, name)).toString("latin1"))
    .join("\n");
}

describe("gonogo verify with secrets in what it observes", () => {
  let server: LocalServer;
  beforeAll(async () => {
    // Echoes the caller's Authorization (Basic, from the URL's user:password) and serves the
    // token's derived forms and the AWS key, as a leaky debug endpoint would.
    server = await listenLocally(
      createServer((request, response) => {
        response.setHeader("x-echo", String(request.headers.authorization));
        response.setHeader("x-aws", AWS_KEY);
        response.end(
          JSON.stringify({
            authorization: request.headers.authorization,
            aws: AWS_KEY,
            encoded: encodeURIComponent(TOKEN),
            base64: b64(TOKEN),
            base64url: b64url(TOKEN).replace(/=+$/, ""),
            embedded: b64(`x${TOKEN}yz`),
            session: b64url(`{"t":"${TOKEN}"}`),
          }),
        );
      }),
    );
  });
  afterAll(() => server.close());

  const CHECKLIST = [
    "# Secrets",
    "- [x] The debug endpoint leaks no AWS key",
    "- [x] The debug endpoint answers",
    "- [x] The deploy job keeps credentials to itself",
    "- [x] The deploy log has no credentials",
    "- [x] The missing tool is reported",
    "",
  ].join("\n");
  const config = () => `version: 1
targets:
  api: { url: "http://alice:\${API_PASSWORD}@127.0.0.1:${server.port}" }
checks:
  no-aws-key:
    item: "The debug endpoint leaks no AWS key"
    http: { target: api, path: /debug }
    expect: [ 'body !contains "\${AWS_ACCESS_KEY_ID}"', 'header.x-aws !contains "\${AWS_ACCESS_KEY_ID}"' ]
  debug:
    item: "The debug endpoint answers"
    http: { target: api, path: /debug }
    expect: [ "status == 200", 'body !contains "Basic"', 'header.x-echo == "nothing"' ]
  deploy:
    item: "The deploy job keeps credentials to itself"
    command:
      run: >-
        printf '%s\\n' "$API_TOKEN" | base64;
        printf '%s' "$API_TOKEN" | base64 | tr '+/' '-_';
        printf '%s' "alice:$API_PASSWORD" | base64 >&2;
        echo "using ${OTHER_AWS_KEY}"; exit 3
      env: { API_TOKEN: "\${API_TOKEN}" }
    expect: [ "exit_code == 0", 'stdout contains "nothing"' ]
  log:
    item: "The deploy log has no credentials"
    file: { path: deploy.log }
    expect: [ 'content contains "nothing"' ]
  missing-tool:
    item: "The missing tool is reported"
    command: { run: 'tool-$(printf %s "$API_TOKEN" | base64)', env: { API_TOKEN: "\${API_TOKEN}" } }
    expect: [ "exit_code == 0" ]
`;

  it("judges an absence on the raw body: a secret given through ${VAR} in the body is found", async () => {
    const project = writeProject(CHECKLIST, config());
    writeFileSync(join(project.dir, "deploy.log"), "");
    const run = await runCli(["verify", project.checklistPath, "--format", "json"], { env: ENV });
    const report = stdoutReport(run);
    const check = report.items.find((i) => i.text === "The debug endpoint leaks no AWS key")?.checks[0];
    expect(check?.status).toBe("fail");
    expect(check?.expectations.map((e) => [e.expr, e.ok])).toEqual([
      ['body !contains "***"', false],
      ['header.x-aws !contains "***"', false],
    ]);
    expect(run.code).toBe(1);
    expectNothingForbidden(run.stdout, "json");
  });

  it("never shows, stores or signs a secret or its derived forms, in any probe's text", async () => {
    const project = writeProject(CHECKLIST, config());
    writeFileSync(
      join(project.dir, "deploy.log"),
      `token=${encodeURIComponent(TOKEN)}\nauth: Basic ${b64(PAIR)}\nkey ${AWS_KEY}\n`,
    );
    for (const format of FORMATS) {
      const run = await runCli(["verify", project.checklistPath, "--format", format], { env: ENV });
      expect(run.code, run.stderr).toBe(1);
      expect(run.stdout.length).toBeGreaterThan(100);
      expectNothingForbidden(run.stdout, format);
      expectNothingForbidden(run.stderr, `stderr with --format ${format}`);
    }
    const json = await runCli(["verify", project.checklistPath, "--format", "json"], { env: ENV });
    const report = stdoutReport(json);
    const checks = Object.fromEntries(report.items.flatMap((i) => i.checks).map((c) => [c.id, c]));
    // What was masked still reads: the evidence says where a secret was, and readable values stay.
    expect(checks.debug?.observations.body).toContain('"authorization":"Basic ***"');
    expect(checks.debug?.evidence).toMatchObject({ url: `http://alice:****@127.0.0.1:${server.port}/debug` });
    expect(checks.deploy?.evidence?.stdoutTail).toContain("using AKIA************MPLE");
    expect(checks.log?.expectations[0]?.actual).toContain("token=***");
    expect(checks["missing-tool"]?.error).toMatch(
      /^command not found \(exit 127\): .*tool-?\*\*\*: not found/,
    );
    expectNothingForbidden(storeBytes(project.dir), "the store");

    const keygen = await runCli(["keygen", "--out", join(project.dir, "k")]);
    expect(keygen.code, keygen.stderr).toBe(0);
    const signed = await runCli(
      ["attestation", "create", "--key", join(project.dir, "k.pem"), "--checklist", project.checklistPath],
      { cwd: project.dir },
    );
    expect(signed.code, signed.stderr).toBe(0);
    const envelope = JSON.parse(signed.stdout) as { payload: string };
    expectNothingForbidden(
      signed.stdout + Buffer.from(envelope.payload, "base64").toString(),
      "the attestation",
    );
    // Eight runs of the command, one after another: the store is one SQLite file.
  }, 240_000);
});
