import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import {
  type AttestableRun,
  attestedCommit,
  createAttestation,
  keyIdOf,
  loadPrivateKey,
  loadPublicKey,
  loadReportRun,
  verifyAttestation,
} from "../../attestation/index.js";
import { writeFileAtomic } from "../../core/atomic-write.js";
import { GonogoError } from "../../core/errors.js";
import { readFailureKind } from "../../core/fs-failure.js";
import { checklistKey, gitCommit, type Store, type StoredRun } from "../../store/index.js";
import { assertOutputPath } from "./_output-path.js";
import { findRun, openExistingStore } from "./_store.js";

export interface AttestationCreateOptions {
  key: string;
  run?: string;
  report?: string;
  out?: string;
  commit?: string;
  store?: string;
  checklist?: string;
}

export interface AttestationVerifyOptions {
  pub: string;
  require?: string;
  commit?: string;
}

const COMMIT = /^[0-9a-f]{7,64}$/i;

function parseCommit(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!COMMIT.test(value))
    throw new GonogoError("usage", `${flag} ${value}: not a git commit (7 to 64 hex digits)`);
  return value.toLowerCase();
}

/**
 * The commit checked out where the report's checklist lives, if that checklist is still the one
 * the report verified (same sha256) and no tracked file differs from the commit; otherwise the
 * attestation names no commit, and says why. Never the commit of whatever folder gonogo runs in.
 */
async function headCommit(report: { path: string; sha256: string }): Promise<string | undefined> {
  const say = (why: string) => {
    process.stderr.write(`gonogo: ${why}: the attestation names no commit (give --commit to name one)\n`);
    return undefined;
  };
  const bytes = await readFile(report.path).catch(() => null);
  if (bytes === null) return say(`${report.path} is not here to tie the report to a commit`);
  if (createHash("sha256").update(bytes).digest("hex") !== report.sha256)
    return say(`${report.path} has changed since the report was made`);
  const git = await gitCommit(report.path);
  if (git === null || !COMMIT.test(git.commit)) return undefined;
  if (git.dirty !== false)
    return say(`tracked files differ from commit ${git.commit.slice(0, 12)} (or git could not tell)`);
  return git.commit;
}

/** A stored run as the attestation sees it: its report, id, completeness, commit and checklist key. */
function attestableRun(run: StoredRun, commit: string | undefined): AttestableRun {
  if (!run.report)
    throw new GonogoError(
      "conflict",
      `run #${run.id} has no report: it never finished, so it cannot be attested`,
    );
  if (commit && run.gitCommit && !run.gitCommit.startsWith(commit))
    throw new GonogoError(
      "conflict",
      `--commit ${commit}: run #${run.id} was made at commit ${run.gitCommit}`,
    );
  const known = run.gitCommit ?? commit;
  return {
    report: run.report,
    runId: String(run.id),
    complete: run.complete,
    checklistName: run.checklist,
    ...(known ? { git: { commit: known } } : {}),
  };
}

/** The newest complete run: of the named checklist, or of the only checklist the store has runs of. */
async function latestRun(store: Store, checklist: string | undefined): Promise<StoredRun> {
  if (checklist !== undefined) {
    const key = checklistKey(checklist);
    const run = await store.latestCompleteRun(key);
    if (!run)
      throw new GonogoError(
        "not-found",
        `no complete run of ${key} in ${store.location}: run gonogo verify first`,
      );
    return run;
  }
  const runs = await store.listRuns({ limit: 500 });
  const names = [...new Set(runs.map((r) => r.checklist))];
  if (names.length > 1)
    throw new GonogoError(
      "usage",
      `${store.location} holds runs of ${names.length} checklists: name one with --checklist FILE`,
      names,
    );
  const newest = runs.find((r) => r.complete);
  if (!newest)
    throw new GonogoError("not-found", `no complete run in ${store.location}: run gonogo verify first`);
  return findRun(store, String(newest.id));
}

async function storedRun(
  options: AttestationCreateOptions,
  commit: string | undefined,
): Promise<AttestableRun> {
  const store = await openExistingStore({
    ...(options.store ? { store: options.store } : {}),
    ...(options.checklist ? { checklist: options.checklist } : {}),
  });
  try {
    const run = options.run ? await findRun(store, options.run) : await latestRun(store, options.checklist);
    return attestableRun(run, commit);
  } finally {
    await store.close();
  }
}

/** `--report FILE`, `--run ID`, or by default the latest complete run in the store. */
async function runToAttest(options: AttestationCreateOptions): Promise<AttestableRun> {
  const commit = parseCommit("--commit", options.commit);
  if (options.report === undefined) return storedRun(options, commit);
  if (options.run !== undefined) throw new GonogoError("usage", "--run and --report name two runs: give one");
  const run = await loadReportRun(options.report);
  const found = commit ?? (await headCommit(run.report.checklist));
  return found === undefined ? run : { ...run, git: { commit: found } };
}

/** `gonogo attestation create`: signs the run's verdict into a DSSE envelope; exit 0 when written. */
export async function runAttestationCreate(options: AttestationCreateOptions): Promise<number> {
  if (options.out)
    await assertOutputPath("--out", options.out, [
      { path: options.key, what: "the private key" },
      ...(options.report ? [{ path: options.report, what: "the report" }] : []),
    ]);
  const privateKey = await loadPrivateKey(options.key);
  const run = await runToAttest(options);
  const text = createAttestation(run, privateKey);
  if (options.out) await writeFileAtomic(options.out, text);
  else process.stdout.write(text);
  const commit = run.git ? ` at commit ${run.git.commit.slice(0, 12)}` : " (no git commit found)";
  const which = run.runId === null ? "" : ` (run #${run.runId})`;
  process.stderr.write(
    `gonogo: attested ${run.report.verdict} for ${run.checklistName ?? run.report.checklist.path}${which}${commit}, keyid ${keyIdOf(privateKey).slice(0, 16)}…${options.out ? ` → ${options.out}` : ""}\n`,
  );
  return 0;
}

function parseRequire(value: string | undefined): "GO" | undefined {
  if (value === undefined || value === "GO") return value;
  throw new GonogoError("usage", `--require ${value}: the only verdict a pipeline can require is GO`);
}

/**
 * `gonogo attestation verify`: exit 0 for a valid signature by the given key (and the verdict and
 * commit asked for), 1 for an attestation that must not be trusted, 2 when the file or key cannot
 * be read or a flag is wrong.
 */
export async function runAttestationVerify(file: string, options: AttestationVerifyOptions): Promise<number> {
  const wanted = { verdict: parseRequire(options.require), commit: parseCommit("--commit", options.commit) };
  const publicKey = await loadPublicKey(options.pub);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new GonogoError(
      readFailureKind(error, "input"),
      `${file}: cannot read it: ${(error as NodeJS.ErrnoException).code ?? error}`,
      [],
      { cause: error },
    );
  }
  const result = verifyAttestation(text, publicKey, {
    ...(wanted.verdict ? { verdict: wanted.verdict } : {}),
    ...(wanted.commit ? { commit: wanted.commit } : {}),
  });
  if (!result.ok) {
    process.stderr.write(`gonogo: ${file}: NOT VERIFIED: ${result.reason}\n`);
    return 1;
  }
  const { predicate } = result.statement;
  const commit = attestedCommit(result.statement);
  const run = predicate.runId === null ? "" : `, run #${predicate.runId}`;
  process.stdout.write(
    `verified: ${predicate.verdict} for ${result.statement.subject[0]?.name ?? predicate.checklist.path} (sha256 ${predicate.checklist.sha256.slice(0, 12)}…)` +
      `${commit ? ` at commit ${commit.slice(0, 12)}` : ", no commit"}${run}, attested ${predicate.attestedAt}, keyid ${result.keyid.slice(0, 16)}…\n`,
  );
  return 0;
}
