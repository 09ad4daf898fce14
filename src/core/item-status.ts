/** The fixed status vocabulary of an item (docs/architecture.md, "Item status"). */
export type ItemStatus = "pass" | "fail" | "error" | "attested" | "waived" | "claimed" | "open";

/** Least ready first: a parent with no evidence of its own takes the first of these among its children. */
const READINESS_ORDER: ItemStatus[] = ["fail", "error", "open", "claimed", "attested", "pass"];

export function leastReady(statuses: ItemStatus[]): ItemStatus {
  const applicable = statuses.filter((s) => s !== "waived");
  if (applicable.length === 0) return "waived";
  return applicable.reduce((worst, s) =>
    READINESS_ORDER.indexOf(s) < READINESS_ORDER.indexOf(worst) ? s : worst,
  );
}
