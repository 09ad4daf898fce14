import type { Generated } from "kysely";

/**
 * The tables as Kysely sees them. Portable types only: times are ISO strings, JSON is text,
 * booleans are 0/1, so one query builder serves SQLite and Postgres alike.
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
    complete: number;
    verdict: string | null;
    summary: string | null;
    report: string | null;
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
  audit_events: {
    seq: Generated<number>;
    at: string;
    actor: string;
    action: string;
    subject: string;
    detail: string;
  };
}
