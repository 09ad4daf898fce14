import type { Assessment } from "../verdict/assessment.js";
import { judgeSignoffs, type SignoffState } from "../verdict/signoffs.js";
import type { EventSink } from "./events.js";
import type { Recording } from "./start-recording.js";

/** Judges recorded sign-offs against this run; a regression voids one for good (a complete run only). */
export async function reviewSignoffs(
  recording: Recording,
  assessment: Assessment,
  { complete, actor, now, sink }: { complete: boolean; actor: string; now: () => Date; sink: EventSink },
): Promise<SignoffState[]> {
  const { checklist, statuses } = assessment;
  const runId = recording.recorder.runId;
  const { states, voids } = judgeSignoffs(
    recording.signoffs,
    checklist.sections,
    checklist.items,
    statuses,
    runId,
    complete,
  );
  const at = now().toISOString();
  for (const v of voids) {
    await recording.store.voidSignoff(v.id, { at, runId, reason: v.reason, actor });
    const signoff = states.find((s) => s.id === v.id);
    sink.warn(
      "signoff-voided",
      `sign-off of "${signoff?.section}" by ${signoff?.by} (${signoff?.role}) is ${v.reason}`,
    );
  }
  return states;
}
