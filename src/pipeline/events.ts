import type { CheckResult } from "../core/check-result.js";
import type { ProbeProgress } from "../probes/types.js";

/**
 * What a warning is about, so a caller can show, count or hold each kind its own way (the CLI
 * prints `run-recorded` after the report, and keeps `record-failed` to itself for a store named on purpose).
 */
export type DiagnosticKind =
  | "waiver-expired"
  | "broad-waiver"
  | "git-dirty"
  | "record-failed"
  | "signoff-voided"
  | "attestation-expired"
  | "run-recorded";

/** A warning or a note on the run, as one line a person reads (the CLI prints `gonogo: <message>`). */
export interface Diagnostic {
  kind: DiagnosticKind;
  message: string;
}

/**
 * What happens during a verification, in order: `run-started` once the checks are about to run
 * (after the documents, the config and the store are known good), each check's start, live
 * figures and end, `checks-finished` when none is running any more, and diagnostics as they arise.
 * Plain data: a server can forward each one as it is.
 */
export type VerifyEvent =
  | { type: "run-started"; runId: number | null; checkIds: string[] }
  | { type: "check-started"; checkId: string; probe: string }
  | { type: "check-progress"; checkId: string; progress: ProbeProgress }
  | { type: "check-finished"; checkId: string; result: CheckResult }
  | { type: "checks-finished"; interrupted: boolean }
  | { type: "diagnostic"; diagnostic: Diagnostic };

/** Hands events to the caller and keeps every diagnostic for the outcome. */
export interface EventSink {
  emit(event: VerifyEvent): void;
  warn(kind: DiagnosticKind, message: string): void;
  readonly diagnostics: Diagnostic[];
}

export function createEventSink(onEvent: (event: VerifyEvent) => void = () => {}): EventSink {
  const diagnostics: Diagnostic[] = [];
  return {
    diagnostics,
    emit: onEvent,
    warn(kind, message) {
      const diagnostic = { kind, message };
      diagnostics.push(diagnostic);
      onEvent({ type: "diagnostic", diagnostic });
    },
  };
}
