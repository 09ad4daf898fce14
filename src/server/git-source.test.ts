import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GonogoError } from "../core/errors.js";
import { type GitSource, maskUrl, refreshForRead, syncGitSource, withFreshCheckout } from "./git-source.js";
import { parseServerConfig } from "./server-config.js";

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8" }).trim();
}

/** A real repository with one commit on `main`: its folder and that commit. */
function makeRepository(): { dir: string; commit: string } {
  const dir = mkdtempSync(join(tmpdir(), "gonogo-git-src-"));
  git(dir, "init", "--quiet", "--initial-branch=main");
  git(dir, "config", "user.email", "t@example.test");
  git(dir, "config", "user.name", "t");
  writeFileSync(join(dir, "LAUNCH.md"), "# Launch\n\n- [x] One\n");
  git(dir, "add", "-A");
  git(dir, "commit", "--quiet", "-m", "one");
  return { dir, commit: git(dir, "rev-parse", "HEAD") };
}

function problemsOf(text: string): string[] {
  try {
    parseServerConfig("/srv/gonogo-server.yml", text);
  } catch (error) {
    expect((error as GonogoError).kind).toBe("config");
    return (error as GonogoError).details;
  }
  throw new Error("expected a config error");
}

describe("a service from a git repository", () => {
  it("reads `git:` with paths relative to the repository, checked out beside the server config", () => {
    const [service] = parseServerConfig(
      "/srv/gonogo-server.yml",
      "services:\n  - name: orders\n    checklist: docs/LAUNCH.md\n    git: { url: ../repos/orders, ref: release/1, refresh: 5s }\n",
    ).services;
    expect(service).toMatchObject({
      checklistPath: "/srv/.gonogo/repos/orders/docs/LAUNCH.md",
      configPath: "/srv/.gonogo/repos/orders/docs/gonogo.yml",
      git: { url: "/repos/orders", ref: "release/1", checkout: "/srv/.gonogo/repos/orders", refreshMs: 5000 },
    });
  });

  it("says at which line a bad git: block is, and what is wrong with it", () => {
    const problems = problemsOf(
      [
        "services:",
        "  - name: a",
        "    checklist: LAUNCH.md",
        "    git: { url: https://example.test/a.git }",
        "  - name: b",
        "    checklist: LAUNCH.md",
        "    git: { url: '--upload-pack=touch /tmp/x', ref: 'main;rm', branch: main }",
      ].join("\n"),
    );
    const text = problems.join("\n");
    expect(text).toMatch(/gonogo-server\.yml:4:\d+.*ref/);
    expect(text).toMatch(/gonogo-server\.yml:7:\d+.*url.*not an option/);
    expect(text).toMatch(/gonogo-server\.yml:7:\d+.*ref.*a branch, tag or commit/);
    expect(text).toMatch(/gonogo-server\.yml:7:\d+.*branch/);
    const outside = problemsOf(
      "services:\n  - name: b\n    config: ok/gonogo.yml\n    checklist: docs/../../outside.md\n    git: { url: /r, ref: main }\n",
    );
    expect(outside).toEqual([
      expect.stringMatching(/gonogo-server\.yml:4:\d+ .*checklist: must be a path inside the git repository/),
    ]);
  });

  it("masks credentials in a URL", () => {
    expect(maskUrl("https://user:ghp_secret@github.com/acme/orders.git")).toBe(
      "https://***@github.com/acme/orders.git",
    );
    expect(maskUrl("https://github.com/acme/orders.git")).toBe("https://github.com/acme/orders.git");
    expect(maskUrl("git@github.com:acme/orders.git")).toBe("git@github.com:acme/orders.git");
  });

  it("fetches a branch into its checkout, follows new commits, and names service, URL and ref when it cannot", async () => {
    const repo = makeRepository();
    const checkout = join(mkdtempSync(join(tmpdir(), "gonogo-git-co-")), "orders");
    const source: GitSource = { url: `file://${repo.dir}`, ref: "main", checkout, refreshMs: 0 };
    expect(await syncGitSource("orders", source)).toBe(repo.commit);
    expect(readFileSync(join(checkout, "LAUNCH.md"), "utf8")).toContain("One");

    writeFileSync(join(repo.dir, "LAUNCH.md"), "# Launch\n\n- [x] Two\n");
    git(repo.dir, "commit", "--quiet", "-am", "two");
    const second = git(repo.dir, "rev-parse", "HEAD");
    expect(second).not.toBe(repo.commit);
    expect(await syncGitSource("orders", source)).toBe(second);
    expect(readFileSync(join(checkout, "LAUNCH.md"), "utf8")).toContain("Two");

    const unknown = await syncGitSource("orders", { ...source, ref: "nope" }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(GonogoError);
    expect((unknown as GonogoError).kind).toBe("config");
    expect((unknown as GonogoError).message).toContain(`service "orders": file://${repo.dir} at ref "nope"`);

    const secret = "tok3n-s3cr3t";
    const unreachable = await syncGitSource("orders", {
      ...source,
      url: `https://ci:${secret}@127.0.0.1:9/nowhere.git`,
    }).catch((e: unknown) => e);
    expect((unreachable as GonogoError).kind).toBe("unavailable");
    expect((unreachable as GonogoError).message).toContain(
      'service "orders": https://***@127.0.0.1:9/nowhere.git at ref "main": cannot fetch',
    );
    expect(JSON.stringify(unreachable)).not.toContain(secret);
    expect((unreachable as GonogoError).message).not.toContain(secret);
    // Nothing on disk keeps the URL: it is given to git on the command line only.
    expect(readFileSync(join(checkout, ".git", "config"), "utf8")).not.toContain(secret);
  });

  it("fetches for reads at most every refreshMs, and before each verification always", async () => {
    const repo = makeRepository();
    const checkout = join(mkdtempSync(join(tmpdir(), "gonogo-git-co-")), "orders");
    const source: GitSource = { url: repo.dir, ref: "main", checkout, refreshMs: 60_000 };
    const read = () => readFileSync(join(checkout, "LAUNCH.md"), "utf8");
    await refreshForRead("orders", source);
    expect(read()).toContain("One");
    writeFileSync(join(repo.dir, "LAUNCH.md"), "# Launch\n\n- [x] Two\n");
    git(repo.dir, "commit", "--quiet", "-am", "two");
    await refreshForRead("orders", source);
    expect(read()).toContain("One");
    await refreshForRead("orders", source, Date.now() + 60_001);
    expect(read()).toContain("Two");
    writeFileSync(join(repo.dir, "LAUNCH.md"), "# Launch\n\n- [x] Three\n");
    git(repo.dir, "commit", "--quiet", "-am", "three");
    const third = git(repo.dir, "rev-parse", "HEAD");
    expect(await withFreshCheckout("orders", source, async (commit) => [commit, read()])).toEqual([
      third,
      expect.stringContaining("Three"),
    ]);
  });
});
