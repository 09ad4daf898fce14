import { type ChildProcess, execFile, spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The package as a user gets it: `npm pack` on a copy of the sources (so its prepack, which
// rebuilds dist/ and rewrites schema/, never touches the dist/ the other e2e tests are running),
// then `npm install <tarball>` into an empty folder, from the npm registry, and the installed
// command run from there. Packed and installed once per run, in beforeAll.

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** What `npm pack` needs from a checkout: no tests, fixtures or benches are copied, and none may ship. */
const SOURCES = ["package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json", "README.md"];
const SOURCE_DIRS = ["bin", "src", "scripts", "schema"];

interface PackEntry {
  path: string;
  size: number;
}
interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: PackEntry[];
}

let work: string;
let packed: PackResult;
let tarball: string;
let app: string;

async function packCopy(): Promise<void> {
  const copy = join(work, "source");
  await mkdir(copy);
  for (const file of SOURCES) await cp(join(ROOT, file), join(copy, file));
  for (const dir of SOURCE_DIRS) await cp(join(ROOT, dir), join(copy, dir), { recursive: true });
  // The copy builds with the checkout's dev dependencies (tsc), without installing them again.
  await symlink(join(ROOT, "node_modules"), join(copy, "node_modules"), "dir");
  // Drop a schema so the test sees prepack write it again (package.json: "prepack": "npm run schema").
  await rm(join(copy, "schema", "report.schema.json"));
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", work], {
    cwd: copy,
    maxBuffer: 64 * 1024 * 1024,
  });
  const [result] = JSON.parse(stdout.slice(stdout.indexOf("["))) as PackResult[];
  if (!result) throw new Error(`npm pack printed no package:\n${stdout}`);
  packed = result;
  tarball = join(work, result.filename);
}

async function installTarball(): Promise<void> {
  app = join(work, "app");
  await mkdir(app);
  await writeFile(join(app, "package.json"), `${JSON.stringify({ name: "app", private: true })}\n`);
  await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball], {
    cwd: app,
    maxBuffer: 16 * 1024 * 1024,
  });
}

async function folderBytes(path: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(path, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

function npx(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run("npx", ["--no-install", "gonogo", ...args], {
    cwd: app,
    env: { ...process.env, NO_COLOR: "1" },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: typeof error.code === "number" ? error.code : -1,
      stdout: error.stdout ?? "",
      stderr: error.stderr ?? "",
    }),
  );
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "gonogo-pack-"));
  await packCopy();
  await installTarball();
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe("the npm package", { timeout: 300_000 }, () => {
  it("ships bin/, the compiled dist/ and both JSON Schemas, and nothing else", () => {
    const paths = packed.files.map((file) => file.path);
    expect(paths).toEqual(expect.arrayContaining(["bin/gonogo.js", "dist/cli/main.js", "package.json"]));
    expect(paths).toContain("schema/gonogo.schema.json");
    // Deleted from the copy before packing: prepack's `npm run schema` wrote it again.
    expect(paths).toContain("schema/report.schema.json");
    const outside = paths.filter(
      (path) => !/^(bin|dist|schema)\//.test(path) && !["package.json", "README.md"].includes(path),
    );
    expect(outside).toEqual([]);
    const testsOrFixtures = paths.filter((path) =>
      /(\.test\.[cm]?[jt]s|\.d\.test\.|(^|\/)(test|tests|fixtures|bench|_template)\/)/.test(path),
    );
    expect(testsOrFixtures).toEqual([]);
    // Every module that dist/ has was compiled from src/: no stray file from an older build.
    expect(paths.filter((path) => path.startsWith("dist/") && !/\.(js|js\.map|d\.ts)$/.test(path))).toEqual(
      [],
    );
  });

  it("says how big it is, packed and installed", async () => {
    const installed = await folderBytes(join(app, "node_modules"));
    const own = await folderBytes(join(app, "node_modules", "gonogo"));
    process.stderr.write(
      `gonogo package: ${packed.filename} ${(packed.size / 1024).toFixed(0)} KiB packed, ` +
        `${(packed.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${packed.files.length} files; ` +
        `installed with its dependencies: ${(installed / 1024 / 1024).toFixed(1)} MiB ` +
        `(gonogo itself ${(own / 1024 / 1024).toFixed(1)} MiB)\n`,
    );
    expect(own).toBeGreaterThan(0);
    // A bound that catches a dev dependency or a test tree slipping into the install (88 MiB today).
    expect(installed).toBeLessThan(200 * 1024 * 1024);
    const dependencies = await readdir(join(app, "node_modules"));
    for (const dev of ["vitest", "typescript", "@biomejs", "dependency-cruiser", "playwright-core"])
      expect(dependencies).not.toContain(dev);
  });

  it("runs --help from the folder it was installed in", async () => {
    const help = await npx(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: gonogo/);
    for (const command of ["status", "verify", "init", "serve", "schema"])
      expect(help.stdout).toContain(command);
  });

  it("runs status, init and verify (recording in its SQLite store) on a checklist", async () => {
    const project = join(app, "project");
    await mkdir(project);
    await writeFile(
      join(project, "LAUNCH.md"),
      "# Launch\n\n## Docs\n- [x] Runbook written\n- [ ] On-call staffed\n",
    );
    await writeFile(join(project, "RUNBOOK.md"), "# Runbook\n\nRestart with `systemctl restart app`.\n");

    const status = await npx(["status", "project/LAUNCH.md", "--json"]);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).summary).toMatchObject({ items: 2, claimed: 1, open: 1 });

    const init = await npx(["init", "project/LAUNCH.md", "--out", "project/proposed.yml"]);
    expect(init.code, init.stderr).toBe(0);
    expect(await readFile(join(project, "proposed.yml"), "utf8")).toMatch(/^version: 1$/m);

    await writeFile(
      join(project, "gonogo.yml"),
      [
        "version: 1",
        "checks:",
        "  runbook:",
        '    item: "Runbook written"',
        "    file: { path: RUNBOOK.md }",
        '    expect: ["exists == true", "content contains \\"Restart\\""]',
        'manual: ["On-call staffed"]',
        "gates: { overall: 50% }",
        "",
      ].join("\n"),
    );
    const verify = await npx(["verify", "project/LAUNCH.md", "--format", "json"]);
    expect(verify.code, verify.stderr).toBe(0);
    const report = JSON.parse(verify.stdout);
    expect(report.verdict).toBe("GO");
    expect(report.items[0]).toMatchObject({ text: "Runbook written", status: "pass" });
    // The run went into the embedded store beside the checklist (better-sqlite3 loaded from the install).
    const history = await npx(["history", "project/LAUNCH.md", "--json"]);
    expect(history.code, history.stderr).toBe(0);
    expect(JSON.parse(history.stdout)).toHaveLength(1);
  });

  it("prints both JSON Schemas, which are the files it ships", async () => {
    const config = await npx(["schema"]);
    const report = await npx(["schema", "--report"]);
    const shipped = join(app, "node_modules", "gonogo", "schema");
    expect(JSON.parse(config.stdout)).toEqual(
      JSON.parse(await readFile(join(shipped, "gonogo.schema.json"), "utf8")),
    );
    expect(JSON.parse(report.stdout)).toEqual(
      JSON.parse(await readFile(join(shipped, "report.schema.json"), "utf8")),
    );
  });

  it("serves /healthz and stops on SIGTERM", async () => {
    await writeFile(join(app, "gonogo-server.yml"), "version: 1\nservices: []\n");
    // Its own process group, so the signal reaches gonogo under npx's wrapper too.
    const child = spawn("npx", ["--no-install", "gonogo", "serve", "--port", "0", "--store", "serve.db"], {
      cwd: app,
      detached: true,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    const closed = new Promise<void>((done) => child.on("close", () => done()));
    try {
      const url = await listening(child, () => stderr);
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: "ok" });
      process.kill(-(child.pid as number), "SIGTERM");
      await closed;
      // npm's wrapper dies of the signal; gonogo itself closes the server and its store first.
      // Between the two lines, what shutting down did (the jobs it finished or handed back).
      expect(stderr).toMatch(/gonogo: SIGTERM: closing the server\n(?:gonogo: .*\n)*gonogo: server closed\n/);
    } finally {
      if (child.exitCode === null && child.signalCode === null)
        process.kill(-(child.pid as number), "SIGKILL");
    }
  });
});

/** The URL of `gonogo: serving on URL` once stderr has it; rejects if the process ends first. */
function listening(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const url = /gonogo: serving on (http:\/\/\S+)\n/.exec(stderr())?.[1];
      if (url) resolve(url);
    };
    child.stderr?.on("data", check);
    child.on("close", (code) =>
      reject(new Error(`gonogo serve exited ${code} before listening:\n${stderr()}`)),
    );
  });
}
