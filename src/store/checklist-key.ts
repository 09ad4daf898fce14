import { execFile, execFileSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";

function gitRoot(start: string): string | null {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git"))) return dir;
    if (dirname(dir) === dir) return null;
  }
}

/**
 * How the store names a checklist: its repository and its path from the repository's root
 * (`github.com/acme/orders:docs/launch.md`), so teammates' clones share history on one Postgres
 * while two repositories' `checklist.md` never do. The repository is its `origin` remote
 * (credentials, port and `.git` left out), or its folder's name when it has none (such a
 * repository is nobody else's clone); outside a repository the key is the checklist's absolute path.
 */
export function checklistKey(path: string): string {
  let absolute = resolve(path);
  try {
    absolute = realpathSync(absolute);
  } catch {
    // A checklist that no longer exists can still be looked up by the path it had.
  }
  const root = gitRoot(dirname(absolute));
  if (!root) return absolute;
  return `${repositoryName(root)}:${relative(root, absolute).split(sep).join("/")}`;
}

/**
 * `git@github.com:acme/orders.git`, `github.com:acme/orders`, `https://u:token@GitHub.com/acme/orders`
 * -> `github.com/acme/orders`: one name for every spelling of one repository, no credentials.
 */
export function remoteName(remote: string): string {
  // scp-like `[user@]host:path`, which has no `://` and whose host has a dot or is `localhost`.
  const scp = remote.includes("://") ? null : /^(?:[^/@:]+@)?([^:/]+\.[^:/]+|localhost):(.*)$/.exec(remote);
  const url = scp ? null : URL.canParse(remote) && remote.includes("://") ? new URL(remote) : null;
  const [host, path] = scp ? [scp[1], scp[2]] : url ? [url.hostname, url.pathname] : ["", remote];
  const tidy = (path ?? "").replace(/\.git\/?$/, "").replace(/\/+$/, "");
  return host ? `${host.toLowerCase()}/${tidy.replace(/^\/+/, "")}` : tidy;
}

const repositoryNames = new Map<string, string>();

function repositoryName(root: string): string {
  const known = repositoryNames.get(root);
  if (known !== undefined) return known;
  let remote = "";
  try {
    // get-url applies `url.<base>.insteadOf`, so rewritten remotes name the same repository.
    remote = execFileSync("git", ["remote", "get-url", "origin"], {
      cwd: root,
      timeout: 3000,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    // No origin (or no git): the repository is known by its folder's name.
  }
  const name = remote === "" ? basename(root) : remoteName(remote);
  repositoryNames.set(root, name);
  return name;
}

/** Runs git in `cwd`; its trimmed output, or null when git fails (no repository, no git). */
function git(cwd: string, args: string[]): Promise<string | null> {
  return new Promise((done) => {
    execFile("git", args, { cwd, timeout: 3000 }, (error, stdout) => done(error ? null : stdout.trim()));
  });
}

/**
 * The commit checked out where the checklist lives, and whether tracked files differ from it
 * (untracked ones, such as `.gonogo/`, do not count; "unknown" when git could not tell); null
 * outside a repository or without git.
 *
 * Git is not started outside a repository (no `.git` above the checklist): a worker verifying a
 * thousand services a minute would otherwise fork itself twice a run for nothing, and a fork of a
 * process holding a large heap costs it ~15 ms of CPU. Inside one, a single `git status` says both
 * the commit and the changes.
 */
export async function gitCommit(
  path: string,
): Promise<{ commit: string; dirty: boolean | "unknown" } | null> {
  const cwd = dirname(resolve(path));
  if (gitRoot(cwd) === null) return null;
  const status = await git(cwd, ["status", "--porcelain=v2", "--branch", "--untracked-files=no"]);
  if (status !== null) {
    const commit = /^# branch\.oid ([0-9a-f]{7,})$/m.exec(status)?.[1];
    if (commit === undefined) return null; // no commit yet: `# branch.oid (initial)`
    return { commit, dirty: status.split("\n").some((line) => line !== "" && !line.startsWith("#")) };
  }
  // A `git status` that failed or timed out (a huge tree) says nothing about changes; the commit may still be known.
  const commit = await git(cwd, ["rev-parse", "HEAD"]);
  return commit ? { commit, dirty: "unknown" } : null;
}
