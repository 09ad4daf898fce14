import { execFileSync } from "node:child_process";
import {
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeProject } from "../support/config-file.js";
import { type CliRun, runCli } from "../support/run-cli.js";
import { canMountSmallDisk, mountSmallDisk, type SmallDisk } from "../support/small-disk.js";

// A real small file system to fill up; the tests that need one are skipped where it cannot be mounted.
const onDisk = canMountSmallDisk() ? it : it.skip;

/** A fresh small disk for each suite that uses one, mounted only when its tests run. */
function useSmallDisk(): () => SmallDisk {
  let disk: SmallDisk | null = null;
  beforeAll(() => {
    disk = mountSmallDisk("2m");
  });
  afterAll(() => disk?.unmount());
  return () => {
    if (!disk) throw new Error("no small disk mounted");
    return disk;
  };
}

const CHECKLIST = "# Launch\n- [ ] Service answers\n- [x] Runbook written\n";
const CONFIG = `version: 1
checks:
  answers:
    item: "Service answers"
    command: { run: "true" }
    expect: ["exit_code == 0"]
`;

/** Exit 2 with one line on stderr that says `message`: no stack, no "internal error". */
function expectOneLine(run: CliRun, message: string | RegExp): void {
  expect(run.code, run.stderr).toBe(2);
  const lines = run.stderr.trim().split("\n");
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(typeof message === "string" ? new RegExp(escapeRegExp(message)) : message);
  expect(run.stderr).not.toMatch(/internal error|\bat .*\.js:\d+/);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function project() {
  return writeProject(CHECKLIST, CONFIG);
}

describe("verify --out never replaces what the command reads", () => {
  it.each([
    ["its own name", (dir: string) => join(dir, "checklist.md"), "the checklist"],
    ["a ./ and ../ spelling", (dir: string) => join(dir, "sub", "..", ".", "checklist.md"), "the checklist"],
    ["a symlink to it", (dir: string) => link(dir, "checklist.md", symlinkSync), "the checklist"],
    ["a hard link to it", (dir: string) => link(dir, "checklist.md", linkSync), "the checklist"],
    ["the config", (dir: string) => join(dir, "gonogo.yml"), "the config"],
    ["a symlink to the config", (dir: string) => link(dir, "gonogo.yml", symlinkSync), "the config"],
  ])(
    "refuses --out naming the checklist or config by %s: exit 2, the file untouched",
    async (_, out, what) => {
      const { dir, checklistPath, configPath } = project();
      mkdirSync(join(dir, "sub"));
      const target = out(dir);
      const run = await runCli(["verify", checklistPath, "--out", target, "--no-store"]);
      expectOneLine(run, `--out ${target} is ${what}`);
      expect(readFileSync(checklistPath, "utf8")).toBe(CHECKLIST);
      expect(readFileSync(configPath, "utf8")).toBe(CONFIG);
    },
  );

  it("refuses the checklist's name in other letters where this file system ignores case, and writes a new file where it does not", async () => {
    const { dir, checklistPath } = project();
    const upper = join(dir, "CHECKLIST.MD");
    const caseInsensitive = existsSync(upper);
    const run = await runCli(["verify", checklistPath, "--out", upper, "--no-store"]);
    if (caseInsensitive) expectOneLine(run, `--out ${upper} is the checklist`);
    else expect(readFileSync(upper, "utf8")).toContain("Launch");
    expect(readFileSync(checklistPath, "utf8")).toBe(CHECKLIST);
  });

  it("refuses --out naming a directory, before running anything", async () => {
    const { dir, checklistPath } = project();
    const run = await runCli(["verify", checklistPath, "--out", dir, "--no-store"]);
    expectOneLine(run, `--out ${dir}: is a directory`);
    expect(statSync(dir).isDirectory()).toBe(true);
  });
});

function link(dir: string, name: string, make: (target: string, path: string) => void): string {
  const path = join(dir, `link-to-${name}`);
  make(join(dir, name), path);
  return path;
}

describe("a full disk", () => {
  it("--out /dev/full: one line naming the file and the cause, and /dev/full is still the device", async () => {
    const { checklistPath } = project();
    const run = await runCli(["verify", checklistPath, "--out", "/dev/full", "--no-store"]);
    expectOneLine(run, "/dev/full: cannot write: no space left on the device (ENOSPC)");
    expect(statSync("/dev/full").isCharacterDevice()).toBe(true);
  });

  const disk = useSmallDisk();
  const fresh = (name: string) => {
    const dir = join(disk().dir, name);
    mkdirSync(dir);
    writeFileSync(join(dir, "checklist.md"), CHECKLIST);
    writeFileSync(join(dir, "gonogo.yml"), CONFIG);
    return dir;
  };

  onDisk(
    "--out and --write on a full disk: one line each, nothing half-written, no temporary file left",
    async () => {
      const out = fresh("out");
      const write = fresh("write");
      disk().fill();
      const report = join(out, "report.json");
      const runOut = await runCli(["verify", join(out, "checklist.md"), "--out", report, "--no-store"]);
      expectOneLine(
        runOut,
        `${report}: cannot write: no space left on the device (ENOSPC); nothing was written`,
      );
      expect(readdirSync(out).sort()).toEqual(["checklist.md", "gonogo.yml"]);

      const checklist = join(write, "checklist.md");
      const runWrite = await runCli(["verify", checklist, "--write", "--no-store"]);
      expect(runWrite.stderr).toContain(`${checklist}: cannot write: no space left on the device (ENOSPC)`);
      expect(runWrite.stderr).not.toMatch(/internal error|\bat .*\.js:\d+/);
      expect(runWrite.code).toBe(2);
      expect(readFileSync(checklist, "utf8")).toBe(CHECKLIST);
      expect(readdirSync(write).sort()).toEqual(["checklist.md", "gonogo.yml"]);
    },
  );
});

describe("keys on a full disk", () => {
  const disk = useSmallDisk();

  onDisk("keygen: one line, and no key cut short left to block the next keygen", async () => {
    disk().fill();
    const out = join(disk().dir, "release");
    const run = await runCli(["keygen", "--out", out]);
    expectOneLine(run, `${out}.pem: cannot write it: no space left on the device (ENOSPC)`);
    expect(readdirSync(disk().dir)).toEqual(["fill"]);
  });
});

describe("a store on a disk that fills up", () => {
  const disk: SmallDisk | null = mountSmallDisk("2m");
  afterAll(() => disk?.unmount());
  const onDisk = disk ? it : it.skip;

  onDisk(
    "verify --store: a run the store could not keep fails in one line; attest on the full store too",
    async () => {
      const dir = disk?.dir ?? "";
      const store = join(dir, "runs.db");
      // The check itself fills the disk, so the store opens fine and then cannot keep the run.
      const { checklistPath } = writeProject(
        CHECKLIST,
        `version: 1
checks:
  answers:
    item: "Service answers"
    command: { run: "head -c 4000000 /dev/zero > '${join(dir, "fill")}'; true" }
    expect: ["exit_code == 0"]
`,
      );
      const run = await runCli(["verify", checklistPath, "--store", store]);
      expect(run.stdout).toContain("1 pass");
      expectOneLine(run, /^gonogo: store .*runs\.db: .*; run #1 was not recorded$/);

      const attest = await runCli([
        "attest",
        checklistPath,
        "Runbook written",
        "--by",
        "Ana",
        "--store",
        store,
      ]);
      expectOneLine(attest, /^gonogo: store .*runs\.db: (the disk is full|input\/output error)/);
    },
  );
});

describe("inputs that are not files, or not sane", () => {
  it.each([
    ["status", (fifo: string) => ["status", fifo], "is a named pipe (FIFO), not a checklist file"],
    [
      "verify",
      (fifo: string) => ["verify", fifo, "--no-store"],
      "is a named pipe (FIFO), not a checklist file",
    ],
    [
      "verify -c",
      (fifo: string, checklist: string) => ["verify", checklist, "-c", fifo, "--no-store"],
      "is a named pipe (FIFO), not a config file",
    ],
  ])("%s on a named pipe: one line at once, no hang", async (_, args, message) => {
    const { dir, checklistPath } = project();
    const fifo = join(dir, "pipe");
    execFileSync("mkfifo", [fifo]);
    const run = await runCli(args(fifo, checklistPath));
    expectOneLine(run, `${fifo}: ${message}`);
  });

  it("a checklist that is a symlink loop: one line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gonogo-loop-"));
    symlinkSync(join(dir, "b.md"), join(dir, "a.md"));
    symlinkSync(join(dir, "a.md"), join(dir, "b.md"));
    const run = await runCli(["status", join(dir, "a.md")]);
    expectOneLine(run, `${join(dir, "a.md")}: cannot read checklist: too many symbolic links`);
  });

  it.each([
    ["a directory", (dir: string) => dir, "is a directory, not a store file"],
    ["/dev/null", () => "/dev/null", "is a device, not a store file"],
    ["the checklist", (dir: string) => join(dir, "checklist.md"), "not a SQLite database"],
  ])("verify --store naming %s: one line, nothing written beside it", async (_, where, message) => {
    const { dir, checklistPath } = project();
    const store = where(dir);
    const run = await runCli(["verify", checklistPath, "--store", store]);
    expectOneLine(run, `store ${store}: `);
    expect(run.stderr).toContain(message);
    expect(readFileSync(checklistPath, "utf8")).toBe(CHECKLIST);
    expect(existsSync(`${store}-journal`) || existsSync(`${store}-wal`)).toBe(false);
  });

  it("attest --expires 99999999d: one line, nothing recorded", async () => {
    const { dir, checklistPath } = project();
    const store = join(dir, "runs.db");
    const args = ["attest", checklistPath, "Runbook written", "--by", "Ana", "--store", store];
    const run = await runCli([...args, "--expires", "99999999d"]);
    expectOneLine(run, "--expires 99999999d: more than 36500d (100 years)");
    expect(existsSync(store)).toBe(false);
  });

  it.each([
    [
      "an alias bomb",
      `version: 1\na: &a [x, x, x, x, x, x, x, x, x]\n${Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(", ")}]`,
      ).join("\n")}\n`,
      "too many aliases",
    ],
    [
      "a 2,000-level nested map",
      `version: 1\nx: ${"{a: ".repeat(2000)}1${"}".repeat(2000)}\n`,
      "nested more than 64 levels deep",
    ],
  ])("gonogo.yml holding %s: one line naming the file", async (_, config, message) => {
    const { checklistPath, configPath } = writeProject(CHECKLIST, config);
    const run = await runCli(["verify", checklistPath, "--no-store"]);
    expectOneLine(run, new RegExp(`^gonogo: ${escapeRegExp(configPath)}(:\\d+:\\d+)?: ${message}`));
  });

  it("a checklist nested past what gonogo reads: exit 2 naming the file and line", async () => {
    const lines = Array.from({ length: 2000 }, (_, d) => `${"  ".repeat(d)}- [ ] step ${d + 1}`);
    const { checklistPath } = writeProject(`# Deep\n${lines.join("\n")}\n`, CONFIG);
    const run = await runCli(["status", checklistPath]);
    expectOneLine(run, `${checklistPath}:501: lists or block quotes nested deeper than gonogo reads`);
  });

  it("a check named __proto__ is a config error at its line, not an item left claimed", async () => {
    const { checklistPath, configPath } = writeProject(
      CHECKLIST,
      `version: 1\nchecks:\n  __proto__:\n    item: "Runbook written"\n    command: { run: "true" }\n    expect: ["exit_code == 0"]\n`,
    );
    const run = await runCli(["verify", checklistPath, "--no-store"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${configPath}:3:3 checks.__proto__: a name JavaScript reserves`);
  });
});
