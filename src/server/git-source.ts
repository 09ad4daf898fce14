import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { GonogoError } from "../core/errors.js";

/** Where a service's checklist and gonogo.yml come from: a repository at a ref (`git:` in gonogo-server.yml). */
export interface GitSource {
  /** As written (it may carry a token): give it to git only, never to output; see `maskUrl`. */
  url: string;
  ref: string;
  /** The server's checkout of it: `.gonogo/repos/<service>` beside the server config. */
  checkout: string;
  /** Reads (the API, the dashboard) fetch again at most this often; a verification always does. */
  refreshMs: number;
}

/** `https://user:token@host/repo` -> `https://***@host/repo`: a URL as output, logs and the store may show it. */
export function maskUrl(url: string): string {
  return url.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, "$1***@");
}

/** Text git wrote, with any credentials of `url` in it masked (git may echo the URL it was given). */
function maskOutput(text: string, url: string): string {
  let masked = maskUrl(text);
  const userinfo = /^[a-z][a-z0-9+.-]*:\/\/([^/@\s]*)@/i.exec(url)?.[1];
  for (const secret of userinfo ? [userinfo, ...userinfo.split(":")] : [])
    if (secret.length >= 3) masked = masked.replaceAll(secret, "***");
  return masked;
}

interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

function runGit(cwd: string, args: string[]): Promise<GitResult> {
  return new Promise((done) => {
    execFile(
      "git",
      args,
      // No prompt for credentials: a server has no one to answer it, and would hang.
      { cwd, timeout: 120_000, env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } },
      (error, stdout, stderr) => done({ ok: error === null, stdout: stdout.trim(), stderr: stderr.trim() }),
    );
  });
}

/** What git said last (its `fatal:` line), masked, for a message. */
function lastLine(result: GitResult, url: string): string {
  const lines = result.stderr.split("\n").filter((line) => line.trim() !== "");
  return maskOutput(lines.at(-1) ?? "git failed without saying why", url);
}

/**
 * Fetches `source.ref` (shallow) into the service's checkout and checks it out; the commit now
 * there. A repository that cannot be reached is `unavailable` (a retry may mend it); a ref it does
 * not have is `config`. Messages name the service, the URL (credentials masked) and the ref.
 */
export async function syncGitSource(service: string, source: GitSource): Promise<string> {
  const { checkout, url, ref } = source;
  const where = `service "${service}": ${maskUrl(url)} at ref "${ref}"`;
  const fail = (kind: "config" | "unavailable", what: string, result: GitResult) =>
    new GonogoError(kind, `${where}: ${what}: ${lastLine(result, url)}`, [
      `the checklist and gonogo.yml of "${service}" come from its git: block in the server config`,
    ]);
  await mkdir(checkout, { recursive: true });
  if (!existsSync(join(checkout, ".git"))) {
    const init = await runGit(checkout, ["init", "--quiet"]);
    if (!init.ok) throw fail("unavailable", `cannot make a checkout in ${checkout}`, init);
  }
  // The URL is given on the command line only, never saved as a remote: no token on disk in .git/config.
  const fetched = await runGit(checkout, ["fetch", "--quiet", "--depth=1", "--no-tags", "--", url, ref]);
  if (!fetched.ok) {
    const unknownRef = /couldn't find remote ref|not our ref|invalid refspec|unadvertised object/i.test(
      fetched.stderr,
    );
    throw fail(
      unknownRef ? "config" : "unavailable",
      unknownRef ? "the repository has no such ref" : "cannot fetch",
      fetched,
    );
  }
  for (const args of [
    ["checkout", "--quiet", "--force", "--detach", "FETCH_HEAD"],
    ["clean", "--quiet", "-ffdx"],
  ]) {
    const done = await runGit(checkout, args);
    if (!done.ok) throw fail("unavailable", `git ${args[0]} failed in ${checkout}`, done);
  }
  const head = await runGit(checkout, ["rev-parse", "HEAD"]);
  if (!head.ok) throw fail("unavailable", "cannot read the commit checked out", head);
  return head.stdout;
}

interface CheckoutState {
  /** The last sync and what follows it: one at a time per checkout. */
  tail: Promise<unknown>;
  busy: boolean;
  syncedAt: number | null;
  /** Why the last sync failed (masked), until one succeeds. */
  failure: SyncFailure | null;
}

/** A repository this process could not fetch: what git said (credentials masked), and when. */
export interface SyncFailure {
  message: string;
  at: string;
}

const checkouts = new Map<string, CheckoutState>();

function stateOf(source: GitSource): CheckoutState {
  let state = checkouts.get(source.checkout);
  if (!state) {
    state = { tail: Promise.resolve(), busy: false, syncedAt: null, failure: null };
    checkouts.set(source.checkout, state);
  }
  return state;
}

/**
 * Fetches the ref, then runs `work` with the commit checked out, no other sync of this checkout
 * between them (in this process): a verification reads the files of the commit it records.
 */
export function withFreshCheckout<T>(
  service: string,
  source: GitSource,
  work: (commit: string) => Promise<T>,
): Promise<T> {
  const state = stateOf(source);
  const run = state.tail.then(async () => {
    state.busy = true;
    try {
      const commit = await syncGitSource(service, source).catch((error: unknown) => {
        state.failure = { message: (error as Error).message, at: new Date().toISOString() };
        throw error;
      });
      state.syncedAt = Date.now();
      state.failure = null;
      return await work(commit);
    } finally {
      state.busy = false;
    }
  });
  state.tail = run.catch(() => undefined);
  return run;
}

/**
 * Before a read: fetches again when the last fetch is older than `refreshMs`. While a
 * verification holds the checkout, reads use the files there rather than wait for it.
 */
export async function refreshForRead(service: string, source: GitSource, now = Date.now()): Promise<void> {
  const state = stateOf(source);
  if (state.syncedAt !== null && (state.busy || now - state.syncedAt < source.refreshMs)) return;
  await withFreshCheckout(service, source, async () => undefined);
}

/**
 * Why this process last failed to fetch `source` (a run or a read), null once a fetch succeeded or
 * when none was tried: what the dashboard shows beside the service. Workers in other processes
 * (`gonogo worker`) keep their own; the API's answer to the run carries theirs.
 */
export function lastSyncFailure(source: GitSource): SyncFailure | null {
  return checkouts.get(source.checkout)?.failure ?? null;
}
