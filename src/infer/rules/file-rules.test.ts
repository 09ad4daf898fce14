import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { untrackedCommand } from "./file-rules.js";

// The proposed command run for real, as the command probe runs it (/bin/sh -c in the repo folder).
const root = mkdtempSync(join(tmpdir(), "gonogo-untracked-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** git that finds no repository above `root`, whatever the machine's /tmp is inside. */
const env = { ...process.env, GIT_CEILING_DIRECTORIES: root, GIT_CONFIG_NOSYSTEM: "1", HOME: root };

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.test", ...args], {
    cwd,
    env,
  });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
}

function exitCode(cwd: string, file: string): number | null {
  return spawnSync("/bin/sh", ["-c", untrackedCommand(file)], { cwd, env }).status;
}

function folder(name: string, repo: boolean): string {
  const path = join(root, name);
  mkdirSync(path);
  if (repo) git(path, "init", "-q");
  return path;
}

describe("the 'not committed' command: the file is there and git does not track it", () => {
  it("fails when the file is absent (not committed, but not set either)", () => {
    expect(exitCode(folder("absent", true), ".env")).not.toBe(0);
  });

  it("passes when the file is present and untracked", () => {
    const repo = folder("untracked", true);
    writeFileSync(join(repo, ".env"), "TOKEN=x\n");
    expect(exitCode(repo, ".env")).toBe(0);
  });

  it("fails when the file is committed", () => {
    const repo = folder("committed", true);
    writeFileSync(join(repo, ".env"), "TOKEN=x\n");
    git(repo, "add", ".env");
    git(repo, "commit", "-qm", "env");
    expect(exitCode(repo, ".env")).not.toBe(0);
  });

  it("fails outside a repository, where git ls-files exits 128", () => {
    const plain = folder("no-repo", false);
    writeFileSync(join(plain, ".env"), "TOKEN=x\n");
    expect(exitCode(plain, ".env")).not.toBe(0);
  });

  it("quotes a name the shell would split", () => {
    const repo = folder("spaced", true);
    writeFileSync(join(repo, "local secrets.json"), "{}\n");
    expect(untrackedCommand("local secrets.json")).toContain("'local secrets.json'");
    expect(exitCode(repo, "local secrets.json")).toBe(0);
  });
});
