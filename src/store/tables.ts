import type { ColumnType, Generated } from "kysely";

/**
 * A boolean column: SQLite keeps 0/1, Postgres a native `boolean`, which reads as true/false
 * and takes 0/1 as input. Written as 0/1 everywhere (`toFlag`), read with `fromFlag`.
 */
type Flag = ColumnType<number | boolean, 0 | 1, 0 | 1>;

/**
 * The tables as the repositories see them, one shape for every backend. Postgres keeps native
 * types (timestamptz, date, json, boolean, bigint identity keys since `0004_native_types`) and its
 * driver hands them over in this shape (`postgres-types.ts`): times as ISO strings, dates as
 * YYYY-MM-DD, JSON as its text, bigints as numbers. SQLite stores that shape as it is. Times
 * are written as `Date#toISOString` gives them, the one form a timestamptz reads back as.
 */
export interface Database {
  runs: {
    id: Generated<number>;
    checklist: string;
    checklist_sha256: string;
    config_hash: string | null;
    git_commit: string | null;
    run_by: string;
    started_at: string;
    finished_at: string | null;
    complete: Flag;
    verdict: string | null;
    summary: string | null;
    report: string | null;
    /** The job the run was made for (`0007_job_runs`/`0008_job_runs`); null for runs made directly. */
    job_id: string | null;
  };
  /**
   * Each checklist's latest complete run, with what the service list sorts by, kept by triggers on
   * `runs` (`0010_latest_runs`/`0011_latest_runs`); never written by the repositories.
   */
  latest_runs: {
    checklist: string;
    run_id: number;
    started_at: string;
    verdict: string | null;
    verified_pct: number | null;
    claimed_pct: number | null;
    /** fail + error of the run's summary. */
    failing: number | null;
  };
  run_checks: {
    run_id: number;
    check_id: string;
    status: string;
    recorded_at: string;
    result: string;
  };
  attestations: {
    id: Generated<number>;
    checklist: string;
    item_id: string;
    item_text: string;
    by: string;
    at: string;
    expires_at: string | null;
    evidence: string | null;
    note: string | null;
  };
  waivers: {
    id: Generated<number>;
    checklist: string;
    item_id: string;
    item_text: string;
    reason: string;
    by: string;
    at: string;
    until: string;
  };
  signoffs: {
    id: Generated<number>;
    checklist: string;
    section_id: string;
    section_title: string;
    by: string;
    role: string;
    at: string;
    run_id: number;
    hash: string;
    statuses: string;
    voided_at: string | null;
    void_run_id: number | null;
    void_reason: string | null;
  };
  blobs: {
    sha256: string;
    name: string;
    size: number;
    bytes: Uint8Array;
  };
  api_tokens: {
    id: Generated<number>;
    /** `ggo_<8 hex>`: the public start of the token, shown by `token list`, found by `authenticate`. */
    prefix: string;
    name: string;
    role: string;
    /** JSON array of sign-off roles ("Security Lead") an approver token may sign off as. */
    signoff_roles: string;
    /** `scrypt$N=...,r=...,p=...$<salt>$<hash>`: never the secret itself. */
    secret_hash: string;
    created_at: string;
    created_by: string;
    expires_at: string | null;
    last_used_at: string | null;
    revoked_at: string | null;
    revoked_by: string | null;
  };
  sessions: {
    /** sha256 (hex) of the session id the browser holds; the id itself is never stored. */
    id_hash: string;
    /** The API token the person signed in with (its public prefix), checked again on every request. */
    token_prefix: string;
    created_at: string;
    expires_at: string;
  };
  notification_states: {
    checklist: string;
    event: string;
    state: string;
    updated_at: string;
  };
  notification_deliveries: {
    id: Generated<number>;
    service: string;
    checklist: string;
    channel: string;
    channel_type: string;
    kind: string;
    run_id: number | null;
    summary: string;
    body: string;
    status: string;
    attempts: number;
    last_error: string | null;
    last_status_code: number | null;
    created_at: string;
    updated_at: string;
    delivered_at: string | null;
  };
  notification_attempts: {
    delivery_id: number;
    attempt: number;
    at: string;
    status_code: number | null;
    error: string | null;
    duration_ms: number;
  };
  rollouts: {
    name: string;
    revision: string;
    /** JSON: the driver's document (the machine's state, commands seen, gates' last evaluations). */
    state: string;
    /** Who may act on the rollout until `lease_until`: one process at a time. */
    lease_owner: string | null;
    lease_until: string | null;
    updated_at: string;
  };
  rollout_events: {
    id: Generated<number>;
    rollout: string;
    at: string;
    kind: string;
    /** An action's idempotency key: one `action-started` and one `action-done` per key, ever. */
    idempotency_key: string | null;
    detail: string;
  };
  /** A controller gate's tally (rollout, phase, revision): shared by every server process. */
  gate_states: {
    key: string;
    /** When the first request for this revision came: the soak counts from it. */
    first_at: string;
    /** JSON: each gate's counters and when each was last evaluated. */
    state: string;
    /** Bumped by every save: a save names the version it read (compare-and-set). */
    version: number;
    updated_at: string;
  };
  audit_events: {
    seq: Generated<number>;
    at: string;
    actor: string;
    action: string;
    subject: string;
    detail: string;
  };
}

export const toFlag = (value: boolean): 0 | 1 => (value ? 1 : 0);
export const fromFlag = (value: number | boolean): boolean => value === true || value === 1;
