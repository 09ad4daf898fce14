import type { Store, StoredRun } from "../store/index.js";
import { signoffFor } from "../verdict/fill-signoff-slots.js";
import { judgeSignoffs, type SignoffState, sameRole } from "../verdict/signoffs.js";
import type { ServiceDocuments } from "./service-documents.js";

/** One place a sign-off is wanted: a role `gates.signoffs` requires of a section, or a slot line of the document. */
export interface SignoffSlotView {
  sectionId: string;
  section: string;
  /** The role wanted; null for a document slot that names none (any role fills it). */
  role: string | null;
  /** Named in gates.signoffs: the verdict waits for it. */
  required: boolean;
  /** The document's `Sign-off: ____` line for it, if it has one. */
  line: number | null;
  /** `signed`: a valid sign-off; `void`: the latest one was voided (a regression, a changed section); `missing`: none. */
  state: "signed" | "void" | "missing";
  /** The valid sign-off, else the latest void one (its `reason` says why); null when missing. */
  signoff: SignoffState | null;
}

export interface SignoffSlotsView {
  /** The run the sign-offs were judged against: the latest complete one (null before the first). */
  run: { id: number; startedAt: string; verdict: "GO" | "NO-GO" | null } | null;
  slots: SignoffSlotView[];
  /** Every recorded sign-off of the checklist, oldest first, judged against that run. */
  signoffs: SignoffState[];
}

/**
 * Judges every recorded sign-off against the latest complete run, as verify does (a regression or
 * a changed section voids one; nothing is written here), and fills the slots from them.
 */
export async function signoffSlots(
  store: Store,
  key: string,
  run: StoredRun | undefined,
  documents: ServiceDocuments,
): Promise<SignoffSlotsView> {
  const records = await store.listSignoffs(key);
  const report = run?.report ?? null;
  const { states } = report
    ? judgeSignoffs(
        records,
        report.sections,
        report.items,
        new Map(report.items.map((i) => [i.id, i.status])),
        run?.id ?? null,
      )
    : judgeSignoffs(records, documents.checklist.sections, documents.checklist.items, new Map(), null, false);
  const slot = (
    section: { id: string; title: string },
    role: string | null,
    required: boolean,
    line: number | null,
  ): SignoffSlotView => {
    const valid = signoffFor({ section: section.id, role }, states);
    const latest = states
      .filter((s) => s.sectionId === section.id && (role === null || sameRole(s.role, role)))
      .sort((a, b) => a.at.localeCompare(b.at))
      .at(-1);
    const signoff = valid ?? latest ?? null;
    const state = valid ? "signed" : latest ? "void" : "missing";
    return { sectionId: section.id, section: section.title, role, required, line, state, signoff };
  };
  const { checklist, gates } = documents;
  const slots = gates.flatMap((gate) =>
    gate.roles.map((role) => {
      const written = checklist.signoffSlots.find(
        (s) => s.section === gate.section.id && s.role !== null && sameRole(s.role, role),
      );
      return slot(gate.section, role, true, written?.line ?? null);
    }),
  );
  for (const written of checklist.signoffSlots) {
    const section = checklist.sections.find((s) => s.id === written.section);
    if (!section) continue;
    const covered = slots.some(
      (s) =>
        s.sectionId === section.id &&
        (written.role === null || (s.role !== null && sameRole(s.role, written.role))),
    );
    if (!covered) slots.push(slot(section, written.role, false, written.line));
  }
  return {
    run: run ? { id: run.id, startedAt: run.startedAt, verdict: run.verdict } : null,
    slots,
    signoffs: states,
  };
}
