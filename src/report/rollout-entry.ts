/**
 * Rollout timeline entries in words. Here, below the store and the callers, so the driver's stderr,
 * `gonogo rollout status`, the HTML report and the dashboard say the same thing of one event.
 */

/** One timeline entry in words: what `gonogo rollout status` and the driver's stderr show. */
export function describeEntry(kind: string, detail: Record<string, unknown>): string {
  switch (kind) {
    case "phase":
      return `phase ${detail.phase ?? "-"}: ${detail.status} (weight ${detail.weight})${detail.reason ? `: ${detail.reason}` : ""}`;
    case "gate":
      return `gate ${detail.check}: ${detail.outcome}: ${detail.reason}`;
    case "action-started": {
      const what =
        detail.kind === "set-weight"
          ? `set weight ${detail.weight} (try ${detail.attempt})`
          : `escalate: ${detail.reason}`;
      return `action ${detail.key}: ${what}`;
    }
    case "action-done": {
      const response = detail.response as
        | { status?: number | null; body?: string; error?: string }
        | null
        | undefined;
      const answered = response
        ? `answered ${response.status ?? "-"}${response.error ? ` (${response.error})` : ""}`
        : "";
      const read =
        detail.weight === undefined ? "" : `, read back ${detail.weight ?? `nothing (${detail.error})`}`;
      return `action done: ${[detail.reconciled ? "reconciled without repeating" : answered, read].filter(Boolean).join("")}`;
    }
    case "rolled-back":
      return `rolled back: breach to safe weight read back in ${detail.breachToSafeMs}ms`;
    case "command":
      return `command ${detail.type} by ${detail.by}`;
    case "resumed":
      return `resumed by ${detail.owner}: phase ${detail.phase}, ${detail.status}, soak since ${detail.soakStartedAt ?? "-"}`;
    default:
      return String(detail.text ?? kind);
  }
}
