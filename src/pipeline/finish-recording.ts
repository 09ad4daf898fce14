import type { JsonItem, JsonReport } from "../report/json.js";
import { type StatusChange, statusChanges } from "../verdict/regressions.js";
import type { EventSink } from "./events.js";
import type { Recording } from "./start-recording.js";

/** What regressed since the previous complete run of the checklist in the store. */
export interface Regressions {
  /** The run compared with; null when there is none (a first run). */
  since: number | null;
  items: StatusChange<JsonItem>[];
}

/**
 * Stores the run's report and says so (`run #4 recorded; since run #3: nothing regressed`), with
 * the attestations that expired. Null when the store could not keep the run: the recorder said
 * once what failed, and "recorded" would now be untrue.
 */
export async function finishRecording(
  recording: Recording,
  report: JsonReport,
  complete: boolean,
  sink: EventSink,
): Promise<Regressions | null> {
  const { store, recorder } = recording;
  await recorder.finish(report, complete);
  if (recorder.failure !== null) return null;
  for (const a of report.attestations ?? []) {
    if (a.reason.startsWith("expired"))
      sink.warn("attestation-expired", `attestation of "${a.itemText}" by ${a.by} ${a.reason}: not attested`);
  }
  const previous = await store
    .latestCompleteReport(recording.checklist, recorder.runId)
    .catch(() => undefined);
  const regressed = previous?.report
    ? statusChanges(previous.report.items, report.items).filter((c) => c.direction === "regressed")
    : [];
  const changes = regressed.map((c) => `"${c.after.text}" ${c.before.status} → ${c.after.status}`);
  const since = previous ? `; since run #${previous.id}: ` : "";
  const what = previous
    ? changes.length > 0
      ? `${changes.length} regressed: ${changes.join(", ")}`
      : "nothing regressed"
    : "";
  sink.warn(
    "run-recorded",
    `run #${recorder.runId} recorded${complete ? "" : " (incomplete)"}${since}${what}`,
  );
  return { since: previous?.id ?? null, items: regressed };
}
