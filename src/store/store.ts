import type { AccessRole } from "../core/access-role.js";
import type { CheckResult } from "../core/check-result.js";
import type { ItemStatus } from "../core/item-status.js";
import type { JsonReport } from "../report/json.js";
import type { Summary } from "../verdict/score.js";
import type { NotificationRecords } from "./notification-records.js";

export type StoreBackend = "sqlite" | "postgres";

/**
 * What a run is of and who made it. `checklist` is the checklist's key (see `checklistKey`): its
 * path from the root of its git repository, or its absolute path outside one, so runs made from
 * different folders or machines of one repository line up.
 */
export interface RunMeta {
  checklist: string;
  checklistSha256: string;
  configHash: string | null;
  gitCommit: string | null;
  runBy: string;
  startedAt: string;
  /** The job the run is made for (`src/jobs/`): a job has at most one complete run. Absent: none. */
  jobId?: string | null;
}

/** One run as `history` lists it. `complete` is false for a run stopped or killed half way. */
/** A check's result as it ended, and when (ISO time): the order a run's checks are read back in. */
export interface RecordedCheck {
  result: CheckResult;
  recordedAt: string;
}

export interface RunRecord extends RunMeta {
  id: number;
  finishedAt: string | null;
  complete: boolean;
  verdict: "GO" | "NO-GO" | null;
  summary: Summary | null;
}

/**
 * A checklist's latest complete run as the service list shows and sorts it, read without its
 * summary's JSON: `failing` is fail + error. Null where the run recorded no summary.
 */
export interface LatestRunSummary {
  checklist: string;
  runId: number;
  startedAt: string;
  verdict: "GO" | "NO-GO" | null;
  verifiedPct: number | null;
  claimedPct: number | null;
  failing: number | null;
}

/** A run as a readiness chart plots it, read without its summary's JSON. */
export interface ReadinessPoint {
  runId: number;
  complete: boolean;
  verdict: "GO" | "NO-GO" | null;
  verifiedPct: number | null;
  claimedPct: number | null;
}

/** A run with its evidence: the JSON report (null if it never finished) and each check as it arrived. */
export interface StoredRun extends RunRecord {
  report: JsonReport | null;
  checks: CheckResult[];
}

export interface RunOutcome {
  finishedAt: string;
  /** False when the run was interrupted: its report shows only what was measured. */
  complete: boolean;
  report: JsonReport;
}

export interface Attestation {
  id: number;
  checklist: string;
  itemId: string;
  itemText: string;
  by: string;
  at: string;
  /** ISO time after which the item no longer counts as attested; null: never. */
  expiresAt: string | null;
  /** A URL, or `sha256:<hex>` naming a file kept in the store (`getBlob`). */
  evidence: string | null;
  note: string | null;
}

export interface StoredWaiver {
  id: number;
  checklist: string;
  itemId: string;
  itemText: string;
  reason: string;
  by: string;
  at: string;
  /** YYYY-MM-DD, valid through the end of that day (UTC), as in gonogo.yml. */
  until: string;
}

export interface Signoff {
  id: number;
  checklist: string;
  sectionId: string;
  sectionTitle: string;
  by: string;
  role: string;
  at: string;
  /** The run whose evidence was approved, and a sha256 of the section's statuses and evidence there. */
  runId: number;
  hash: string;
  statuses: Record<string, ItemStatus>;
  voidedAt: string | null;
  voidRunId: number | null;
  voidReason: string | null;
}

/**
 * An API token as anyone may see it: never its secret, never its hash. `prefix` (`ggo_1a2b3c4d`)
 * is the public start of the token, enough to tell which token a log line or a leak names.
 * A token is live until revoked; a revoked token's name may be given to a new one.
 */
export interface ApiToken {
  id: number;
  prefix: string;
  name: string;
  role: AccessRole;
  /** The sign-off roles ("Security Lead") an approver may sign off and attest in; [] for others. */
  signoffRoles: string[];
  createdAt: string;
  createdBy: string;
  /** ISO time after which the token no longer authenticates; null: never. */
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

/** A token with the salted hash of its secret, for `authenticate` only. */
export interface StoredApiToken extends ApiToken {
  secretHash: string;
}

/** What issuing a token records: the secret is already hashed, and is never given to the store. */
export type NewApiToken = Omit<StoredApiToken, "id" | "lastUsedAt" | "revokedAt" | "revokedBy">;

/**
 * A browser session: made when a person signs in with an API token, ended by signing out or
 * at `expiresAt`. The store keeps only a hash of the session id the cookie carries.
 */
export interface BrowserSession {
  idHash: string;
  tokenPrefix: string;
  createdAt: string;
  expiresAt: string;
}

export type AuditAction =
  | "attest"
  | "waive"
  | "signoff"
  | "signoff-void"
  | "migrate"
  | "token-create"
  | "token-revoke"
  | "push-report"
  | "run-request"
  | "rollout-command";

/**
 * What a change made through the API adds to its audit event, beside who and what: the token's
 * access role and the client's address (`{ accessRole: "approver", address: "10.0.0.7" }`).
 */
export type AuditContext = Readonly<Record<string, unknown>>;

/** One line of the append-only audit log. */
export interface AuditEvent {
  seq: number;
  at: string;
  actor: string;
  action: AuditAction;
  subject: string;
  detail: Record<string, unknown>;
}

export type New<T> = Omit<T, "id">;

/** A rollout as the store keeps it: the driver's document (opaque here) and who holds its lease. */
export interface StoredRollout {
  name: string;
  revision: string;
  state: unknown;
  leaseOwner: string | null;
  leaseUntil: string | null;
  updatedAt: string;
}

/** One line of a rollout's timeline: a phase change, a gate result, an action and its response, a person's command. */
export interface RolloutEventRecord {
  id: number;
  rollout: string;
  at: string;
  kind: string;
  /** An action's idempotency key; null for events that are not actions. */
  key: string | null;
  detail: Record<string, unknown>;
}

export type NewRolloutEvent = Omit<RolloutEventRecord, "id" | "rollout" | "key"> & { key?: string | null };

/**
 * A controller gate's tally for one rollout, phase and revision, as every server process reads it:
 * when the first request came (the soak counts from it) and the gates' state (opaque here).
 */
export interface StoredGateState {
  key: string;
  firstAt: string;
  state: unknown;
  /** What a save must name to replace this state (compare-and-set). */
  version: number;
  updatedAt: string;
}

/**
 * Runs, evidence, attestations, waivers, sign-offs, API tokens and the audit log. One interface, a SQLite and
 * a Postgres backend (`openStore`). Recording methods that change what counts (attest, waive,
 * sign off, void, issue or revoke a token) append their audit event in the same transaction.
 */
export interface Store extends NotificationRecords {
  readonly backend: StoreBackend;
  /** The SQLite file, or the Postgres URL without its password. */
  readonly location: string;

  startRun(meta: RunMeta): Promise<number>;
  /**
   * Called as checks end, so a run killed half way keeps what it measured; checks that ended
   * while the previous write was under way come together, in one statement.
   */
  recordChecks(runId: number, checks: readonly RecordedCheck[]): Promise<void>;
  /**
   * Stores the run's end. A complete run of a job that already has one is kept incomplete, and
   * this is then a `conflict` GonogoError naming the run that completed the job.
   */
  finishRun(runId: number, outcome: RunOutcome): Promise<void>;
  /** The runs made for a job, oldest first: its attempts, at most one of them complete. */
  listJobRuns(jobId: string): Promise<RunRecord[]>;
  /**
   * Runs of jobs cut off before they finished (their process died, or shut down and handed the job
   * back), started at or after `since`, whose job has no complete run: what an in-process queue
   * queues again when it starts.
   */
  listCutOffJobRuns(since: string): Promise<RunRecord[]>;
  getRun(id: number): Promise<StoredRun | undefined>;
  latestCompleteRun(checklist: string, before?: number): Promise<StoredRun | undefined>;
  /**
   * What `latestCompleteRun` finds, as its id and report only: one row, none of its checks' evidence
   * (a worker compares each run with the one before it, and only the report says what regressed).
   */
  latestCompleteReport(
    checklist: string,
    before?: number,
  ): Promise<{ id: number; report: JsonReport | null } | undefined>;
  /** A run without its checks, with its JSON report as the text stored (null if it never finished). */
  getRunReport(id: number): Promise<{ run: RunRecord; report: string | null } | undefined>;
  /** The latest complete run of each checklist named, without reports; one lacking any is left out. */
  latestCompleteRuns(checklists: readonly string[]): Promise<Map<string, RunRecord>>;
  /** What `latestCompleteRuns` says of each checklist named, as the service list needs it: one small row each. */
  latestRunSummaries(checklists: readonly string[]): Promise<Map<string, LatestRunSummary>>;
  /** Each checklist's newest `perChecklist` runs (complete or not), newest first, as points of a chart. */
  recentReadiness(
    checklists: readonly string[],
    perChecklist: number,
  ): Promise<Map<string, ReadinessPoint[]>>;
  /** Newest first; `before`: only runs with a smaller id (the next page after that run). */
  listRuns(options?: { checklist?: string; limit?: number; before?: number }): Promise<RunRecord[]>;
  /**
   * Records a finished run whose report was made elsewhere (CI pushed it to the server), with its
   * `push-report` audit event (actor: `meta.runBy`), in one transaction; its id.
   */
  addPushedRun(meta: RunMeta, outcome: RunOutcome, context?: AuditContext): Promise<number>;

  addAttestation(attestation: New<Attestation>, context?: AuditContext): Promise<number>;
  listAttestations(checklist: string): Promise<Attestation[]>;
  addWaiver(waiver: New<StoredWaiver>, context?: AuditContext): Promise<number>;
  listWaivers(checklist: string): Promise<StoredWaiver[]>;
  addSignoff(
    signoff: Omit<New<Signoff>, "voidedAt" | "voidRunId" | "voidReason">,
    context?: AuditContext,
  ): Promise<number>;
  listSignoffs(checklist: string): Promise<Signoff[]>;
  voidSignoff(
    id: number,
    voided: { at: string; runId: number; reason: string; actor: string },
  ): Promise<void>;

  /** Keeps a file's bytes by their sha256 (returned as `sha256:<hex>`). */
  putBlob(bytes: Uint8Array, name: string): Promise<string>;
  getBlob(ref: string): Promise<{ name: string; bytes: Uint8Array } | undefined>;

  /**
   * Records a token and its `token-create` audit event (no secret, no hash) in one transaction.
   * A live token of the same name is a `conflict` GonogoError.
   */
  addApiToken(token: NewApiToken): Promise<ApiToken>;
  /** Live tokens by name (revoked ones too with `includeRevoked`); never secrets or hashes. */
  listApiTokens(options?: { includeRevoked?: boolean }): Promise<ApiToken[]>;
  /** The token whose public prefix is `prefix`, with its hash, revoked or not. */
  findApiToken(prefix: string): Promise<StoredApiToken | undefined>;
  /** Notes that the token authenticated a request at `at`. Not audited: it changes no right. */
  touchApiToken(id: number, at: string): Promise<void>;
  /**
   * Revokes the live token named `name`, with its `token-revoke` audit event; undefined when no
   * live token has that name.
   */
  revokeApiToken(name: string, revoked: { at: string; actor: string }): Promise<ApiToken | undefined>;

  /** Records a browser session (its id's hash only); expired ones are dropped on the way. */
  addSession(session: BrowserSession): Promise<void>;
  /** The live session whose id hashes to `idHash` at `now`; undefined when unknown or expired. */
  findSession(idHash: string, now: string): Promise<BrowserSession | undefined>;
  /** Ends a session (sign out); nothing happens when it is already gone. */
  deleteSession(idHash: string): Promise<void>;

  listAudit(): Promise<AuditEvent[]>;
  /** Appends an event for a change recorded elsewhere (a run asked for through the API: its job). */
  addAuditEvent(event: Omit<AuditEvent, "seq">): Promise<void>;

  /**
   * Takes or renews the lease on rollout `name` (creating its row): true when `owner` now holds it
   * until `lease.until`, false while another owner's lease runs.
   */
  acquireRolloutLease(name: string, owner: string, lease: { now: string; until: string }): Promise<boolean>;
  releaseRolloutLease(name: string, owner: string): Promise<void>;
  getRollout(name: string): Promise<StoredRollout | undefined>;
  listRollouts(): Promise<StoredRollout[]>;
  /**
   * Saves the rollout's state with its new events in one transaction, only while `owner` holds the
   * lease (false otherwise: nothing written). An event whose kind and key are recorded already is skipped.
   */
  saveRollout(
    name: string,
    owner: string,
    save: { revision: string; state: unknown; at: string; events: NewRolloutEvent[] },
  ): Promise<boolean>;
  /** Appends an event without the lease: a person's command (promote, pause, resume, abort) for the driver. */
  /** Appends one event to the rollout's timeline; with `audit`, its audit event in the same transaction (subject: the rollout). */
  appendRolloutEvent(
    name: string,
    event: NewRolloutEvent,
    audit?: { actor: string; action: AuditAction; context?: AuditContext },
  ): Promise<void>;
  listRolloutEvents(name: string, options?: { after?: number; kind?: string }): Promise<RolloutEventRecord[]>;
  /**
   * The gate state under `key`, created with `initial` at `at` when no process has asked for it
   * yet: the first request anywhere starts the soak.
   */
  openGateState(key: string, initial: { at: string; state: unknown }): Promise<StoredGateState>;
  /** The gate state under `key` as saved last; undefined before any process opened it. */
  getGateState(key: string): Promise<StoredGateState | undefined>;
  /** Replaces the state under `key` if it is still at `version` (false: another process saved first). */
  saveGateState(key: string, version: number, save: { at: string; state: unknown }): Promise<boolean>;
  close(): Promise<void>;
}
