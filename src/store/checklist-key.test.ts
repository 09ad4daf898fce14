import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { checklistKey, gitCommit, remoteName } from "./checklist-key.js";

function repository(remote?: string): string {
  const dir = mkdtempSync(join(tmpdir(), "gonogo-key-"));
  execFileSync("git", ["init", "-q", dir]);
  if (remote) execFileSync("git", ["-C", dir, "remote", "add", "origin", remote]);
  mkdirSync(join(dir, "docs"));
  writeFileSync(join(dir, "docs", "launch.md"), "- [ ] x\n");
  return dir;
}

describe("checklistKey", () => {
  it("names a checklist by its repository's origin and its path in it, so clones share and repositories do not", () => {
    const clone = repository("git@github.com:acme/orders.git");
    const other = repository("https://ci:tok3n@github.com/acme/orders");
    const elsewhere = repository("https://github.com/acme/payments.git");
    expect(checklistKey(join(clone, "docs", "launch.md"))).toBe("github.com/acme/orders:docs/launch.md");
    expect(checklistKey(join(other, "docs", "launch.md"))).toBe("github.com/acme/orders:docs/launch.md");
    expect(checklistKey(join(elsewhere, "docs", "launch.md"))).toBe(
      "github.com/acme/payments:docs/launch.md",
    );
  });

  it("uses the repository's folder name without an origin, and the absolute path outside a repository", () => {
    const local = repository();
    expect(checklistKey(join(local, "docs", "launch.md"))).toBe(`${basename(local)}:docs/launch.md`);
    const loose = join(mkdtempSync(join(tmpdir(), "gonogo-key-")), "list.md");
    writeFileSync(loose, "- [ ] x\n");
    expect(checklistKey(loose)).toBe(loose);
  });
});

describe("gitCommit", () => {
  it("is the commit checked out and whether tracked files changed; null before the first commit and outside a repository", async () => {
    const dir = repository();
    const list = join(dir, "docs", "launch.md");
    expect(await gitCommit(list)).toBeNull();
    const git = (...args: string[]) =>
      execFileSync("git", ["-C", dir, "-c", "user.name=t", "-c", "user.email=t@t", ...args], {
        encoding: "utf8",
      });
    git("add", ".");
    git("commit", "-qm", "first");
    const head = git("rev-parse", "HEAD").trim();
    writeFileSync(join(dir, "untracked.md"), "not counted\n");
    expect(await gitCommit(list)).toEqual({ commit: head, dirty: false });
    writeFileSync(list, "- [x] x\n");
    expect(await gitCommit(list)).toEqual({ commit: head, dirty: true });
    const loose = join(mkdtempSync(join(tmpdir(), "gonogo-key-")), "list.md");
    writeFileSync(loose, "- [ ] x\n");
    expect(await gitCommit(loose)).toBeNull();
  });
});

describe("remoteName", () => {
  it("leaves out credentials, port and .git", () => {
    expect(remoteName("ssh://git@git.example.com:2222/team/api.git")).toBe("git.example.com/team/api");
    expect(remoteName("https://user:secret@git.example.com/team/api.git/")).toBe("git.example.com/team/api");
    expect(remoteName("/srv/git/api.git")).toBe("/srv/git/api");
  });

  it("gives every spelling of one repository one name, and two hosts two names", () => {
    const names = [
      "git@GitHub.com:acme/orders.git",
      "github.com:acme/orders",
      "https://github.com/acme/orders",
    ];
    expect(new Set(names.map(remoteName))).toEqual(new Set(["github.com/acme/orders"]));
    expect(remoteName("gitlab.com:acme/orders")).toBe("gitlab.com/acme/orders");
  });
});
