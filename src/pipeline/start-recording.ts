import type { Checklist } from "../checklist/index.js";
import type { Redactor } from "../redact/create-redactor.js";
import type { Signoff, Store } from "../store/index.js";
import type { AttestationRecord, WaiverRecord } from "../verdict/manual-evidence.js";
import type { EventSink } from "./events.js";
import { type RunRecorder, startRunRecorder } from "./record-run.js";

/** The commit checked out where the checklist lives, and whether tracked files differ from it. */
export interface GitState {
  commit: string;
  dirty: boolean | "unknown";
}

/** Where a run is recorded, and what the store holds for this checklist. */
export interface Recording {
  store: Store;
  /** The checklist's key in the store (see `checklistKey`). */
  checklist: string;
  recorder: RunRecorder;
  attestations: AttestationRecord[];
  waivers: WaiverRecord[];
  signoffs: Signoff[];
}

export interface RunOrigin {
  checklist: Checklist;
  checklistKey: string;
  configSha256: string;
  git: GitState | null;
  jobId: string | null;
  actor: string;
  now: () => Date;
  redact: Redactor;
}

/**
 * Reads the checklist's manual evidence and sign-offs and starts the run's record. A run on a
 * commit with changed tracked files is recorded without it: an attestation names the run's commit
 * as the source tree it verified, and with tracked files changed since, it is not.
 */
export async function startRecording(store: Store, origin: RunOrigin, sink: EventSink): Promise<Recording> {
  const key = origin.checklistKey;
  const [attestations, waivers, signoffs] = await Promise.all([
    store.listAttestations(key),
    store.listWaivers(key),
    store.listSignoffs(key),
  ]);
  const { git } = origin;
  const recorder = await startRunRecorder(
    store,
    {
      checklist: key,
      checklistSha256: origin.checklist.source.sha256,
      configHash: origin.configSha256,
      gitCommit: git && git.dirty === false ? git.commit : null,
      runBy: origin.redact(origin.actor),
      startedAt: origin.now().toISOString(),
      jobId: origin.jobId,
    },
    { warn: (message) => sink.warn("record-failed", message), now: origin.now },
  );
  if (git && git.dirty !== false) {
    const why =
      git.dirty === true ? "tracked files differ from" : "git could not tell whether tracked files match";
    sink.warn(
      "git-dirty",
      `${why} commit ${git.commit.slice(0, 12)}: this run is recorded without a commit (commit, then verify, to attest one)`,
    );
  }
  return { store, checklist: key, recorder, attestations, waivers, signoffs };
}
