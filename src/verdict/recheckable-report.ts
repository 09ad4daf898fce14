import type { JsonItem, JsonReport } from "../model/report.js";

/** What the recheck reads of a JSON report (src/model/report.ts). */
export type RecheckableReport = Pick<
  JsonReport,
  "verdict" | "complete" | "summary" | "gates" | "sections" | "items"
>;

export type RecheckableItem = JsonItem;
