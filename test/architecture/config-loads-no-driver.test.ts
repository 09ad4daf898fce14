import { execFile } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const RECORDER = fileURLToPath(new URL("../support/record-packages.mjs", import.meta.url));
const DIST = join(ROOT, "dist");

/** Packages that hold a probe's driver or load generator: a runner's imports, never a definition's. */
const DRIVERS = [
  "better-sqlite3",
  "dockerfile-ast",
  "hdr-histogram-js",
  "http-parser-js",
  "ioredis",
  "kysely",
  "mysql2",
  "pg",
  "undici",
];

/** Runs `code` (an ES module) in a fresh Node process on the built code; returns the packages it loaded. */
function packagesLoadedBy(code: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", RECORDER, "--input-type=module", "-e", code],
      { cwd: ROOT },
      (error, _stdout, stderr) => {
        const line = /^packages: (.*)$/m.exec(stderr);
        if (error || !line?.[1]) reject(new Error(`${error?.message ?? "no packages line"}\n${stderr}`));
        else resolve(JSON.parse(line[1]) as string[]);
      },
    );
  });
}

describe("loading gonogo.yml loads no probe's driver (docs/architecture.md)", () => {
  // The config loader imports the registry, so every definition, listed or not in the file below, is loaded.
  it("validates a config with a check for each probe without loading undici, pg, ioredis ...", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gonogo-definitions-"));
    cpSync(fileURLToPath(new URL("every-probe.gonogo.yml", import.meta.url)), join(dir, "gonogo.yml"));
    const loaded = await packagesLoadedBy(`
      const { loadConfig } = await import(${JSON.stringify(join(DIST, "config/index.js"))});
      const config = await loadConfig(${JSON.stringify(join(dir, "gonogo.yml"))});
      if (config.checks.length < 13) throw new Error("expected a check per probe, got " + config.checks.length);
    `);
    expect(loaded.filter((name) => DRIVERS.includes(name))).toEqual([]);
  });

  it("does load the driver once a probe's runner is loaded (so the first test can fail)", async () => {
    const loaded = await packagesLoadedBy(`
      const { PROBES } = await import(${JSON.stringify(join(DIST, "probes/registry.js"))});
      await PROBES.get("http").loadRunner();
      await PROBES.get("load").loadRunner();
    `);
    expect(loaded).toEqual(expect.arrayContaining(["undici", "hdr-histogram-js", "http-parser-js"]));
  });
});
