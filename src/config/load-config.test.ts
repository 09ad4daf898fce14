import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GonogoError } from "../core/errors.js";
import { loadConfig } from "./load-config.js";

function configFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "gonogo-config-")), "gonogo.yml");
  writeFileSync(path, text);
  return path;
}

async function problems(text: string, env: NodeJS.ProcessEnv = {}): Promise<string[]> {
  const error = await loadConfig(configFile(text), env).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GonogoError);
  return (error as GonogoError).details.map((d) => d.replace(/^.*gonogo\.yml:/, "gonogo.yml:"));
}

const VALID = `version: 1
targets:
  api: { url: "\${API_URL:-http://127.0.0.1:8080}", headers: { Authorization: "Bearer \${API_TOKEN}" } }
defaults: { timeout: 2s, concurrency: 4 }
checks:
  health:
    item: "Health endpoint returns 200"
    http: { target: api, path: /healthz, timeout: 500ms }
    expect: [ "status == 200", "latency < 300ms" ]
gates: { overall: 85%, critical: [ "Health endpoint returns 200" ] }
`;

describe("loadConfig", () => {
  it("loads a valid config: defaults, per-check timeout, interpolation, parsed expectations", async () => {
    const loaded = await loadConfig(configFile(VALID), { API_TOKEN: "s3cr3t-token-value" });
    expect(loaded.targets.api).toEqual({
      name: "api",
      url: "http://127.0.0.1:8080",
      headers: { Authorization: "Bearer s3cr3t-token-value" },
    });
    const [health] = loaded.checks;
    expect(health).toMatchObject({
      id: "health",
      timeoutMs: 500,
      retries: 0,
      itemSpecs: ["Health endpoint returns 200"],
    });
    expect(health?.probe.name).toBe("http");
    expect(health?.expectations.map((e) => e.text)).toEqual(["status == 200", "latency < 300ms"]);
    expect(loaded.config.defaults).toEqual({ timeout: 2000, retries: 0, concurrency: 4 });
    expect(loaded.config.gates.overall).toBe(85);
    expect(loaded.secrets).toEqual(["s3cr3t-token-value", "Bearer s3cr3t-token-value"]);
  });

  it("keeps a URL from the environment readable and treats only its password as secret", async () => {
    const loaded = await loadConfig(configFile(VALID), {
      API_TOKEN: "tok-123456",
      API_URL: "http://app:pa55word@127.0.0.1:9",
    });
    expect(loaded.secrets).toContain("pa55word");
    expect(loaded.secrets).not.toContain("http://app:pa55word@127.0.0.1:9");
  });

  it("names the line, column and key of every problem, all at once", async () => {
    const found = await problems(
      `version: 1
targets:
  api: { url: "http://127.0.0.1:1" }
checks:
  health:
    item: "Health"
    htpp: { target: api }
    expect: [ "status == 200" ]
  two:
    item: "x"
    http: { target: api }
    command: { run: "true" }
    expect: [ "status == 200" ]
  typo:
    item: "y"
    http: { target: ap1, path: 5 }
    expect: [ "latency < 300" ]
  empty:
    item: "z"
    file: { path: README.md }
    expect: []
  unknown:
    item: "w"
    tls: { target: api }
    expect: [ "days_lef > 14" ]
gates: { overall: 85%, extra: true }
`,
    );
    expect(found).toEqual([
      "gonogo.yml:26:24 gates.extra: unknown key",
      expect.stringMatching(
        /^gonogo\.yml:7:5 checks\.health\.htpp: unknown probe or key "htpp" \(did you mean http\?\) \(probes: http, tls, command, file, /,
      ),
      "gonogo.yml:9:3 checks.two: has 2 probe keys (http, command): a check runs exactly one probe",
      'gonogo.yml:16:21 checks.typo.http.target: target "ap1" is not defined under targets: (api)',
      "gonogo.yml:16:32 checks.typo.http.path: Invalid input: expected string, received number",
      'gonogo.yml:17:15 checks.typo.expect.0: latency < 300: latency is a duration: write a unit, e.g. "300ms"?',
      "gonogo.yml:21:13 checks.empty.expect: a check needs at least one expectation: nothing passes without evidence",
      'gonogo.yml:25:15 checks.unknown.expect.0: the tls probe has no observable "days_lef" (it has: days_left, valid, protocol, issuer, subject, hostname_ok, not_after)',
    ]);
  });

  it("suggests the check key or probe a typo meant, and sends probe settings into the probe block", async () => {
    const found = await problems(`version: 1
checks:
  a:
    item: "x"
    command: { run: "true" }
    retires: 2
    timeout: 10m
    expect: [ "exit_code == 0" ]
  b:
    item: "y"
    timeout: 5s
    expect: [ "exit_code == 0" ]
  c:
    item: "z"
    http: { url: "http://127.0.0.1:1" }
    path: /healthz
    extra: true
    expect: [ "status == 200" ]
`);
    expect(found).toEqual([
      expect.stringMatching(
        /^gonogo\.yml:6:5 checks\.a\.retires: unknown probe or key "retires" \(did you mean retries\?\) \(probes: http, /,
      ),
      "gonogo.yml:7:5 checks.a.timeout: timeout is not a check key: it goes inside the command block: command: { ..., timeout: 10m }",
      "gonogo.yml:11:5 checks.b.timeout: timeout is not a check key: it goes inside the probe block, e.g. http: { ..., timeout: 5s }",
      "gonogo.yml:16:5 checks.c.path: path is not a check key: it goes inside the http block: http: { ..., path: /healthz }",
      expect.stringMatching(
        /^gonogo\.yml:17:5 checks\.c\.extra: unknown probe or key "extra" \(probes: http, /,
      ),
    ]);
  });

  it("names the probe of an unknown key in its block and suggests the key of that probe meant", async () => {
    const found = await problems(`version: 1
targets: { api: { url: "http://127.0.0.1:1" } }
checks:
  a:
    item: "x"
    http: { url: "http://127.0.0.1:1", tiemout: 2s, pth: /x }
    expect: [ "status == 200" ]
  b:
    item: "y"
    command: { run: "true", retries: 2, zzz: 1 }
    expect: [ "exit_code == 0" ]
  c:
    item: "z"
    load: { target: api, vus: 1, duration: 1s, mix: [ { path: /, wieght: 2 } ] }
    expect: [ "requests > 0" ]
`);
    expect(found).toEqual([
      'gonogo.yml:6:40 checks.a.http.tiemout: unknown key "tiemout" in the http probe (did you mean timeout?)',
      'gonogo.yml:6:53 checks.a.http.pth: unknown key "pth" in the http probe (did you mean path?)',
      'gonogo.yml:10:29 checks.b.command.retries: unknown key "retries" in the command probe: retries is a key of the check, written beside command:, not inside it',
      'gonogo.yml:10:41 checks.b.command.zzz: unknown key "zzz" in the command probe',
      'gonogo.yml:14:66 checks.c.load.mix.0.wieght: unknown key "wieght" in the load probe (did you mean weight?)',
    ]);
  });

  it("shows a caret under a bad token in an expectation", async () => {
    const found = await problems(`version: 1
checks:
  c:
    item: "x"
    command: { run: "true" }
    expect: [ "exit_code === 0" ]
`);
    expect(found[0]).toMatch(/^gonogo\.yml:6:15 checks\.c\.expect\.0: /);
    expect(found[0]).toContain("exit_code === 0");
    expect(found[0]).toMatch(/\n\s+\^/);
  });

  it("reports malformed YAML with its line, an unset variable, and a missing file", async () => {
    expect(await problems("version: 1\nchecks: [\n")).toEqual([
      "gonogo.yml:3:1: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ]);
    const unset = await problems(`version: 1\ntargets:\n  db: { url: "\${DATABASE_URL}" }\n`);
    expect(unset).toEqual([
      "gonogo.yml:3:14 targets.db.url: ${DATABASE_URL} is not set (write ${DATABASE_URL:-default} for a default)",
    ]);
    await expect(loadConfig("/nonexistent/gonogo.yml")).rejects.toThrow(
      "/nonexistent/gonogo.yml: cannot read config: no such file",
    );
  });

  it("refuses a bare number or a share above 100% in any percentage gate, and says what to write", async () => {
    const found = await problems(`version: 1
gates:
  overall: 0.8
  sections: { Security: 90, Ops: 150% }
  tags: { "priority:critical": 1 }
`);
    expect(found).toEqual([
      "gonogo.yml:3:12 gates.overall: a bare number is not a percentage: write 80% (with the % sign)",
      "gonogo.yml:4:25 gates.sections.Security: a bare number is not a percentage: write 90% (with the % sign)",
      "gonogo.yml:4:34 gates.sections.Ops: 150% is more than 100%: a gate asks for a share of the items, at most 100%",
      "gonogo.yml:5:32 gates.tags.priority:critical: a bare number is not a percentage: write 100% (with the % sign)",
    ]);
    const loaded = await loadConfig(
      configFile("version: 1\ngates: { overall: 80 %, sections: { A: 0% } }\n"),
      {},
    );
    expect(loaded.config.gates).toMatchObject({ overall: 80, sections: { A: 0 } });
  });

  it("refuses a waiver that names nobody or no reason (blank counts as none)", async () => {
    const found = await problems(`version: 1
waivers:
  - { item: "x", reason: "  ", by: "", until: 2999-01-01 }
`);
    expect(found).toEqual([
      "gonogo.yml:3:26 waivers.0.reason: a waiver says why the item does not apply",
      "gonogo.yml:3:36 waivers.0.by: a waiver names who approves it",
    ]);
  });

  it("requires version 1", async () => {
    expect((await problems("version: 2\n"))[0]).toContain("gonogo.yml needs `version: 1`");
  });

  it("refuses a target without the url or path its probe needs, before anything runs", async () => {
    const found = await problems(`version: 1
targets:
  api: { url: "http://127.0.0.1:1" }
  repo: { path: "." }
checks:
  a:
    item: "x"
    file: { target: api, path: README.md }
    expect: [ "exists == true" ]
  b:
    item: "y"
    http: { target: repo, path: / }
    expect: [ "status == 200" ]
`);
    expect(found).toEqual([
      'gonogo.yml:8:21 checks.a.file.target: target "api" has no path: the file probe needs one (targets.api.path)',
      'gonogo.yml:12:21 checks.b.http.target: target "repo" has no url: the http probe needs one (targets.repo.url)',
    ]);
  });

  it("never prints a value from the environment in a config error", async () => {
    const found = await problems('version: 1\ndefaults: { timeout: "${SECRET_T}" }\n', {
      SECRET_T: "hunter2-zzz",
    });
    expect(found.join("\n")).not.toContain("hunter2-zzz");
    expect(found[0]).toContain("defaults.timeout");
  });

  it("treats a URL's user info and query values as secrets, and $${VAR} as literal text", async () => {
    const loaded = await loadConfig(
      configFile(
        'version: 1\ntargets:\n  hook: { url: "${HOOK}" }\nchecks:\n  c:\n    item: "x"\n    command: { run: "echo $${HOME}" }\n    expect: [ "exit_code == 0" ]\n',
      ),
      { HOOK: "https://ghp_tokenvalue@127.0.0.1:9/?api_key=k3y-value" },
    );
    expect(loaded.secrets).toEqual(expect.arrayContaining(["ghp_tokenvalue", "k3y-value"]));
    expect(loaded.checks[0]?.probeConfig).toMatchObject({ run: "echo ${HOME}" });
  });

  it("refuses a target whose scheme its probe cannot speak, password masked, before anything runs", async () => {
    const found = await problems(
      `version: 1
targets:
  db: { url: "\${DATABASE_URL}" }
  cache: { url: "http://127.0.0.1:6379" }
  api: { url: "htps://127.0.0.1:8080" }
checks:
  tables: { item: "x", sql: { target: db }, expect: [ "tables(app) >= 1" ] }
  ping: { item: "x", redis: { target: cache }, expect: [ "ping == true" ] }
  health: { item: "x", http: { target: api }, expect: [ "status == 200" ] }
`,
      { DATABASE_URL: "postgress://app:s3cret-pw@127.0.0.1:5432/app" },
    );
    expect(found).toEqual([
      'gonogo.yml:7:39 checks.tables.sql.target: sql: target "db" is not a database URL: postgress://app:****@127.0.0.1:5432/app',
      'gonogo.yml:8:39 checks.ping.redis.target: redis: target "cache" has url http://127.0.0.1:6379/, not a redis:// or rediss:// URL',
      'gonogo.yml:9:40 checks.health.http.target: target "api" is not an http:// or https:// URL (htps://127.0.0.1:8080): the http probe sends HTTP requests',
    ]);
  });

  it("asks the probe whether the observables fit its config, before anything runs", async () => {
    const found = await problems(`version: 1
targets:
  db: { url: "postgres://postgres@127.0.0.1:5432/test" }
  prom: { url: "http://127.0.0.1:9090" }
checks:
  a:
    item: "x"
    sql: { target: db }
    expect: [ "rows == 0" ]
  b:
    item: "y"
    promql: { target: prom, rule: Up }
    expect: [ "value < 1" ]
`);
    expect(found).toEqual([
      "gonogo.yml:9:13 checks.a.expect: sql: `rows` needs a `query:` in the check",
      "gonogo.yml:13:13 checks.b.expect: value needs a query: in the promql block",
    ]);
  });
});
