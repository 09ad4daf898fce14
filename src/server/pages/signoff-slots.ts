import type { JsonReport } from "../../model/report.js";
import type { Signoff } from "../../store/index.js";
import { judgeSignoffs, sameRole } from "../../verdict/signoffs.js";

/** One role's sign-off of one section, as the page shows it. */
export interface SignoffSlotView {
  sectionId: string;
  sectionTitle: string;
  role: string;
  state: "valid" | "void" | "missing";
  by: string | null;
  at: string | null;
  /** `approves run #12`, or why it is void. */
  reason: string | null;
}

const SIGNOFF_GATE = /^sign-off "(.*)"$/;

/**
 * The sign-off roles each section needs: its `gates.signoffs` (as the run's sign-off gates name
 * them) and the roles its document's sign-off slots name. Keyed by section id.
 */
export function requiredSignoffRoles(report: JsonReport): Map<string, string[]> {
  const roles = new Map<string, string[]>();
  const add = (sectionId: string, role: string) => {
    const list = roles.get(sectionId) ?? [];
    if (!list.some((r) => sameRole(r, role))) list.push(role);
    roles.set(sectionId, list);
  };
  for (const gate of report.gates ?? []) {
    const title = SIGNOFF_GATE.exec(gate.name)?.[1];
    const section = report.sections.find((s) => s.title === title);
    if (!section) continue;
    for (const role of gate.required
      .split(",")
      .map((r) => r.trim())
      .filter((r) => r !== ""))
      add(section.id, role);
  }
  for (const slot of report.signoffSlots)
    if (slot.section !== null && slot.role !== null) add(slot.section, slot.role);
  return roles;
}

/**
 * Each required sign-off of the run's sections, judged against that run as `verify` judges them
 * (a regression or a changed item set voids one), plus any recorded in a role no gate asks for.
 * Computed from the store, so a sign-off made after the run shows at once.
 */
export function signoffSlots(report: JsonReport, runId: number, records: Signoff[]): SignoffSlotView[] {
  const statuses = new Map(report.items.map((i) => [i.id, i.status]));
  const { states } = judgeSignoffs(
    records,
    report.sections,
    report.items,
    statuses,
    runId,
    report.complete !== false,
  );
  const roles = requiredSignoffRoles(report);
  for (const state of states) {
    const list = roles.get(state.sectionId) ?? [];
    if (!list.some((r) => sameRole(r, state.role))) roles.set(state.sectionId, [...list, state.role]);
  }
  return report.sections.flatMap((section) =>
    (roles.get(section.id) ?? []).map((role): SignoffSlotView => {
      const ofRole = states
        .filter((s) => s.sectionId === section.id && sameRole(s.role, role))
        .sort((a, b) => a.at.localeCompare(b.at));
      const chosen = ofRole.filter((s) => s.valid).at(-1) ?? ofRole.at(-1);
      return {
        sectionId: section.id,
        sectionTitle: section.title,
        role,
        state: chosen ? (chosen.valid ? "valid" : "void") : "missing",
        by: chosen?.by ?? null,
        at: chosen?.at ?? null,
        reason: chosen?.reason ?? null,
      };
    }),
  );
}
