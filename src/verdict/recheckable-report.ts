import type { ItemStatus } from "../core/item-status.js";
import type { GateResult } from "./assessment.js";
import type { Summary } from "./score.js";

/** What the recheck reads of a JSON report (schemaVersion 1); `JsonReport` fits it. */
export interface RecheckableReport {
  verdict?: "GO" | "NO-GO";
  complete?: boolean;
  summary: Summary;
  gates?: GateResult[];
  sections: { id: string; title: string; parent: string | null; summary: Summary }[];
  items: RecheckableItem[];
}

export interface RecheckableItem {
  id: string;
  text: string;
  line: number;
  section: string | null;
  parent: string | null;
  checked: boolean;
  status: ItemStatus;
  checks: { id: string; status: "pass" | "fail" | "error"; expectations: { expr: string; ok: boolean }[] }[];
  critical?: boolean;
}
