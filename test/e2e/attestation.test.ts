import { execFileSync } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeProject } from "../support/config-file.js";
import { checkedReport } from "../support/report-model.js";
import { runCli } from "../support/run-cli.js";

const CHECKLIST = "# Launch\n\n## Build\n\n- [x] Build is green\n- [x] Tests pass\n";
const config = (testsExit: number) => `version: 1
checks:
  build:
    item: "Build is green"
    command: { run: "exit 0" }
    expect: [ "exit_code == 0" ]
  tests:
    item: "Tests pass"
    command: { run: "exit ${testsExit}" }
    expect: [ "exit_code == 0" ]
`;

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@t",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@t",
    },
  }).trim();
}

/** A project in its own git repository, verified to a JSON report: GO, or NO-GO when `testsExit` is not 0. */
async function verifiedProject(testsExit: number): Promise<{ dir: string; report: string; commit: string }> {
  const project = writeProject(CHECKLIST, config(testsExit));
  git(project.dir, "init", "-q");
  git(project.dir, "add", ".");
  git(project.dir, "commit", "-q", "-m", "checklist");
  const report = join(project.dir, "report.json");
  const run = await runCli(["verify", project.checklistPath, "--format", "json", "--out", report]);
  expect(run.code, run.stderr).toBe(testsExit === 0 ? 0 : 1);
  checkedReport(JSON.parse(readFileSync(report, "utf8")), report);
  return { dir: project.dir, report, commit: git(project.dir, "rev-parse", "HEAD") };
}

/** `attestation create` with the project's `k.pem` for `checklist`'s latest run (or as `extra` says). */
const createForChecklist = (dir: string, checklist: string, ...extra: string[]) =>
  runCli(["attestation", "create", "--key", join(dir, "k.pem"), "--checklist", checklist, ...extra]);

/** `attestation create` with the project's `k.pem` for a report file (or as `extra` says). */
const createForReport = (dir: string, report: string, ...extra: string[]) =>
  runCli(["attestation", "create", "--key", join(dir, "k.pem"), "--report", report, ...extra]);

/** `attestation verify` of `envelope` with the project's `k.pub.pem`, requiring commit `sha`. */
const verifyForCommit = (dir: string, envelope: string, sha: string) =>
  runCli(["attestation", "verify", envelope, "--pub", join(dir, "k.pub.pem"), "--commit", sha]);

describe("gonogo keygen and attestation", () => {
  it("signs a GO run a pipeline can verify, and refuses a changed byte, another commit or another key", async () => {
    const { dir, report, commit } = await verifiedProject(0);
    const keygen = await runCli(["keygen", "--out", join(dir, "release")]);
    expect(keygen.code, keygen.stderr).toBe(0);
    expect(keygen.stdout).toMatch(/release\.pem\n.*release\.pub\.pem\nkeyid [0-9a-f]{64}\n$/);
    expect(statSync(join(dir, "release.pem")).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, "release.pub.pem"), "utf8")).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const again = await runCli(["keygen", "--out", join(dir, "release")]);
    expect([again.code, again.stderr]).toEqual([2, expect.stringMatching(/release\.pem: already exists/)]);

    const attestation = join(dir, "readiness.intoto.json");
    const create = await runCli(
      ["attestation", "create", "--key", join(dir, "release.pem"), "--report", report, "--out", attestation],
      { cwd: dir },
    );
    expect(create.code, create.stderr).toBe(0);
    expect(create.stderr).toContain(
      `attested GO for ${join(dir, "checklist.md")} at commit ${commit.slice(0, 12)}`,
    );

    const pub = join(dir, "release.pub.pem");
    const ok = await runCli([
      "attestation",
      "verify",
      attestation,
      "--pub",
      pub,
      "--require",
      "GO",
      "--commit",
      commit,
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(
      /^verified: GO for .*checklist\.md \(sha256 [0-9a-f]{12}…\) at commit [0-9a-f]{12}/,
    );

    const other = await runCli(["attestation", "verify", attestation, "--pub", pub, "--commit", "deadbeef"]);
    expect([other.code, other.stderr]).toEqual([
      1,
      expect.stringContaining(`NOT VERIFIED: the attestation is for commit ${commit}, not deadbeef`),
    ]);

    await runCli(["keygen", "--out", join(dir, "intruder")]);
    const wrongKey = await runCli([
      "attestation",
      "verify",
      attestation,
      "--pub",
      join(dir, "intruder.pub.pem"),
    ]);
    expect([wrongKey.code, wrongKey.stderr]).toEqual([
      1,
      expect.stringContaining("NOT VERIFIED: not signed by this key"),
    ]);

    const bytes = readFileSync(attestation);
    const tampered = join(dir, "tampered.json");
    // A byte in the payload, in the signature, and in the JSON around them.
    for (const at of [bytes.indexOf('"payload"') + 40, bytes.indexOf('"sig"') + 20, 0]) {
      const changed = Buffer.from(bytes);
      changed[at] = (changed[at] ?? 0) ^ 0x01;
      writeFileSync(tampered, changed);
      const run = await runCli(["attestation", "verify", tampered, "--pub", pub]);
      expect([run.code, run.stderr], `byte ${at}`).toEqual([1, expect.stringContaining("NOT VERIFIED")]);
    }
  });

  it("names no commit for a report whose checklist has changed since, even at a clean later commit", async () => {
    const { dir, report, commit } = await verifiedProject(0);
    writeFileSync(join(dir, "checklist.md"), `${CHECKLIST}- [ ] Added after the run\n`);
    git(dir, "commit", "-q", "-am", "checklist grew");
    await runCli(["keygen", "--out", join(dir, "k")]);
    const envelope = join(dir, "later.json");
    const create = await createForReport(dir, report, "--out", envelope);
    expect(create.code, create.stderr).toBe(0);
    expect(create.stderr).toContain("has changed since the report was made: the attestation names no commit");
    const later = git(dir, "rev-parse", "HEAD");
    for (const sha of [commit, later]) expect((await verifyForCommit(dir, envelope, sha)).code).toBe(1);
  });

  it("does not tie a run to its commit when tracked files differ from it, so no attestation claims that commit", async () => {
    const { dir, commit } = await verifiedProject(0);
    const checklist = join(dir, "checklist.md");
    writeFileSync(join(dir, "gonogo.yml"), `${config(0)}# edited, not committed\n`);
    const dirty = await runCli(["verify", checklist]);
    expect(dirty.code, dirty.stderr).toBe(0);
    expect(dirty.stderr).toContain(
      `tracked files differ from commit ${commit.slice(0, 12)}: this run is recorded without a commit`,
    );
    const history = JSON.parse((await runCli(["history", checklist, "--json"])).stdout) as {
      gitCommit: string | null;
    }[];
    expect(history.map((r) => r.gitCommit)).toEqual([null, commit]);
    await runCli(["keygen", "--out", join(dir, "k")]);
    const envelope = join(dir, "dirty.json");
    const create = await createForChecklist(dir, checklist, "--out", envelope);
    expect(create.code, create.stderr).toBe(0);
    expect((await verifyForCommit(dir, envelope, commit)).code).toBe(1);
  });

  it("attests the store's latest complete run by default, or a run by number, with the run's commit", async () => {
    const { dir, commit } = await verifiedProject(0);
    const checklist = join(dir, "checklist.md");
    // A second run, NO-GO, at a later commit: the latest complete run is now this one.
    writeFileSync(join(dir, "gonogo.yml"), config(1));
    git(dir, "commit", "-q", "-am", "tests now fail");
    const later = git(dir, "rev-parse", "HEAD");
    expect((await runCli(["verify", checklist])).code).toBe(1);
    await runCli(["keygen", "--out", join(dir, "k")]);
    const pub = join(dir, "k.pub.pem");

    const latest = await createForChecklist(dir, checklist);
    expect(latest.code, latest.stderr).toBe(0);
    // The store names the checklist by its repository (its folder here: no origin) and its path in it.
    expect(latest.stderr).toContain(
      `attested NO-GO for ${basename(dir)}:checklist.md (run #2) at commit ${later.slice(0, 12)}`,
    );
    writeFileSync(join(dir, "latest.json"), latest.stdout);
    const refused = await runCli([
      "attestation",
      "verify",
      join(dir, "latest.json"),
      "--pub",
      pub,
      "--require",
      "GO",
    ]);
    expect(refused.code).toBe(1);

    const first = await runCli(
      ["attestation", "create", "--key", join(dir, "k.pem"), "--run", "1", "--out", join(dir, "first.json")],
      { cwd: dir },
    );
    expect(first.code, first.stderr).toBe(0);
    const ok = await runCli([
      "attestation",
      "verify",
      join(dir, "first.json"),
      "--pub",
      pub,
      "--require",
      "GO",
      "--commit",
      commit,
    ]);
    expect([ok.code, ok.stdout]).toEqual([
      0,
      expect.stringMatching(/^verified: GO for gonogo-project-\w+:checklist\.md .*, run #1, attested /),
    ]);
    const wrongCommit = await runCli(
      ["attestation", "create", "--key", join(dir, "k.pem"), "--run", "1", "--commit", later],
      { cwd: dir },
    );
    expect([wrongCommit.code, wrongCommit.stderr]).toEqual([
      2,
      expect.stringContaining(`run #1 was made at commit ${commit}`),
    ]);
    const missing = await runCli(["attestation", "create", "--key", join(dir, "k.pem"), "--run", "9"], {
      cwd: dir,
    });
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining("run #9 is not in")]);
  });

  it('verifies the same envelope spelled as other DSSE signers write it: keyid "" and URL-safe base64', async () => {
    const { dir, report } = await verifiedProject(0);
    await runCli(["keygen", "--out", join(dir, "k")]);
    const attestation = join(dir, "a.json");
    await createForReport(dir, report, "--out", attestation);
    const envelope = JSON.parse(readFileSync(attestation, "utf8"));
    // Differs from the standard spelling wherever the text holds + or / (a DER signature almost
    // always does); src/attestation/envelope.test.ts covers URL-safe input for certain.
    const urlSafe = (text: string) =>
      Buffer.from(text, "base64").toString("base64url").padEnd(text.length, "=");
    const [signature] = envelope.signatures;
    const respelled = {
      payloadType: envelope.payloadType,
      payload: urlSafe(envelope.payload),
      signatures: [{ keyid: "", sig: urlSafe(signature.sig) }],
    };
    const cosignStyle = join(dir, "cosign-style.json");
    writeFileSync(cosignStyle, JSON.stringify(respelled));
    const run = await runCli([
      "attestation",
      "verify",
      cosignStyle,
      "--pub",
      join(dir, "k.pub.pem"),
      "--require",
      "GO",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^verified: GO for .*checklist\.md/);
  });

  it("verifies a NO-GO's signature but refuses it when GO is required", async () => {
    const { dir, report } = await verifiedProject(3);
    await runCli(["keygen", "--out", join(dir, "k")]);
    const create = await createForReport(dir, report);
    expect(create.code, create.stderr).toBe(0);
    const attestation = join(dir, "a.json");
    writeFileSync(attestation, create.stdout);
    const pub = join(dir, "k.pub.pem");
    const plain = await runCli(["attestation", "verify", attestation, "--pub", pub]);
    expect([plain.code, plain.stdout]).toEqual([0, expect.stringMatching(/^verified: NO-GO for /)]);
    const required = await runCli(["attestation", "verify", attestation, "--pub", pub, "--require", "GO"]);
    expect([required.code, required.stderr]).toEqual([
      1,
      expect.stringContaining("NOT VERIFIED: the verdict is NO-GO, not GO"),
    ]);
  });

  it("refuses to sign a NO-GO report edited to GO, with one line saying what disagrees", async () => {
    const { dir, report } = await verifiedProject(3);
    await runCli(["keygen", "--out", join(dir, "k")]);
    const json = JSON.parse(readFileSync(report, "utf8"));
    const forged = join(dir, "forged.json");
    writeFileSync(forged, JSON.stringify({ ...json, verdict: "GO" }));
    const create = await createForReport(dir, forged);
    expect([create.code, create.stdout]).toEqual([2, ""]);
    expect(create.stderr.trim()).toMatch(
      /^gonogo: --report .*forged\.json: not signed: the report disagrees with itself: verdict is GO, but gate "overall" not ok$/,
    );
    // Gates turned ok by hand too: the items still say the tests failed.
    for (const gate of json.gates) Object.assign(gate, { ok: true, reason: "met" });
    writeFileSync(forged, JSON.stringify({ ...json, verdict: "GO" }));
    const again = await createForReport(dir, forged);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(
      'the report disagrees with itself: gate "overall" says 50.0% (1/2 verified or claimed); its items give 50.0% (1/2 verified or claimed), not ok',
    );
  });

  it("exits 2 with one line for what cannot be read or asked", async () => {
    const { dir, report } = await verifiedProject(0);
    await runCli(["keygen", "--out", join(dir, "k")]);
    const cases: [string[], RegExp][] = [
      [
        ["attestation", "verify", join(dir, "missing.json"), "--pub", join(dir, "k.pub.pem")],
        /missing\.json: cannot read it: ENOENT/,
      ],
      [
        ["attestation", "verify", report, "--pub", join(dir, "nope.pem")],
        /nope\.pem: cannot read the public key: ENOENT/,
      ],
      [["attestation", "verify", report, "--pub", report], /not a PEM public key/],
      [
        ["attestation", "verify", report, "--pub", join(dir, "k.pub.pem"), "--require", "NO-GO"],
        /--require NO-GO: the only verdict/,
      ],
      [
        ["attestation", "create", "--key", join(dir, "k.pem"), "--report", join(dir, "checklist.md")],
        /--report .*: not JSON/,
      ],
      [
        ["attestation", "create", "--key", join(dir, "k.pem"), "--store", join(dir, "none.db")],
        /no store at .*none\.db/,
      ],
      [
        ["attestation", "create", "--key", join(dir, "k.pem"), "--report", report, "--run", "1"],
        /--run and --report name two runs/,
      ],
      [
        ["attestation", "create", "--key", join(dir, "k.pem"), "--report", report, "--commit", "xyz"],
        /--commit xyz: not a git commit/,
      ],
      [["attestation", "verify", report], /required option '--pub <file>'/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args);
      expect([run.code, run.stderr], args.join(" ")).toEqual([2, expect.stringMatching(message)]);
    }
    // A status report (no verdict) is not something to attest.
    const status = await runCli(["status", join(dir, "checklist.md"), "--json"]);
    writeFileSync(join(dir, "status.json"), status.stdout);
    const noVerdict = await runCli([
      "attestation",
      "create",
      "--key",
      join(dir, "k.pem"),
      "--report",
      join(dir, "status.json"),
    ]);
    expect([noVerdict.code, noVerdict.stderr]).toEqual([
      2,
      expect.stringContaining("verdict: no verdict: write the report with gonogo verify"),
    ]);
  });
});
