import type { CheckResult } from "../core/check-result.js";
import { itemOutcomes } from "../engine/item-outcomes.js";
import type { Plan } from "../engine/plan.js";
import { type Assessment, assessChecklist } from "../verdict/assessment.js";
import { decideVerdict } from "../verdict/gates.js";
import { applyManualEvidence } from "../verdict/manual-evidence.js";
import type { EventSink } from "./events.js";
import { reviewSignoffs } from "./review-signoffs.js";
import type { Recording } from "./start-recording.js";

export interface RunFacts {
  results: Map<string, CheckResult>;
  interrupted: boolean;
  /** The selection in words when only some checks ran; null when all were asked for. */
  selection: string | null;
  recording: Recording | null;
  actor: string;
  now: () => Date;
  sink: EventSink;
}

/**
 * From check results to a decided assessment: item statuses, recorded attestations and waivers,
 * sign-offs judged (and voided by a regression), scores, gates and the verdict.
 */
export async function assessRun(plan: Plan, facts: RunFacts): Promise<Assessment> {
  const { checklist } = plan;
  const { recording, interrupted, selection } = facts;
  const complete = !interrupted && selection === null;
  const outcomes = itemOutcomes(plan, facts.results);
  const manual = recording
    ? applyManualEvidence(
        outcomes.own,
        outcomes.checks,
        new Set(checklist.items.map((i) => i.id)),
        recording,
        facts.now(),
      )
    : undefined;
  const scored = assessChecklist(checklist, manual?.own ?? outcomes.own, outcomes.checks);
  const signoffs = recording ? await reviewSignoffs(recording, scored, { ...facts, complete }) : undefined;
  const recorded: Assessment = {
    ...scored,
    ...(manual ? { attestations: manual.attestations } : {}),
    ...(signoffs ? { signoffs } : {}),
  };
  const verdict = decideVerdict(recorded, plan, {
    interrupted,
    ...(selection !== null && { selection }),
  });
  return { ...recorded, verdict, complete, critical: plan.critical };
}
