import type { KeyObject } from "node:crypto";
import { GonogoError } from "../core/errors.js";
import { recheckReport } from "../verdict/recheck-report.js";
import { signEnvelope } from "./envelope.js";
import { type AttestableRun, buildStatement, PAYLOAD_TYPE } from "./statement.js";

/**
 * A signed readiness attestation for a finished run: its in-toto Statement in a DSSE envelope,
 * as the JSON text of the file (`{"payloadType":…,"payload":…,"signatures":[…]}` and a newline).
 */
export function createAttestation(run: AttestableRun, privateKey: KeyObject, now: Date = new Date()): string {
  const label = run.source ?? (run.runId === null ? "the report" : `run #${run.runId}`);
  if (!run.complete)
    throw new GonogoError(
      "input",
      `${label} did not finish (interrupted): only a complete run can be attested`,
    );
  if (run.report.verdict === undefined)
    throw new GonogoError("input", `${label} has no verdict: attest a gonogo verify run, not status`);
  // A verdict edited by hand (or a store row) disagrees with the report's own items: never signed.
  const [first, ...more] = recheckReport(run.report);
  if (first !== undefined)
    throw new GonogoError(
      "input",
      `${label}: not signed: the report disagrees with itself: ${first}`,
      more.length > 0 ? [`and ${more.length} more:`, ...more] : [],
    );
  const payload = Buffer.from(JSON.stringify(buildStatement(run, now)), "utf8");
  return `${JSON.stringify(signEnvelope(PAYLOAD_TYPE, payload, privateKey), null, 2)}\n`;
}
