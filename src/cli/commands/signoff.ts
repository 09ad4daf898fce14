import { loadChecklist } from "../../checklist/index.js";
import { GonogoError } from "../../core/errors.js";
import { findSections } from "../../engine/match-items.js";
import { checklistKey, openStore } from "../../store/index.js";
import { sectionItemIds, sectionSnapshot } from "../../verdict/signoffs.js";
import { requiredText, withStore } from "./_store.js";

export interface SignoffOptions {
  by: string;
  role: string;
  store?: string;
}

/**
 * `gonogo signoff <checklist> <section>`: approves the section as it stood in the latest complete
 * run, bound to the hash of its items' statuses and evidence; a later regression voids it.
 */
export async function runSignoff(path: string, name: string, options: SignoffOptions): Promise<number> {
  const by = requiredText("--by", options.by, "who signs off");
  const role = requiredText("--role", options.role, "the role signing off");
  const checklist = await loadChecklist(path);
  const [section, ...others] = findSections(checklist, name);
  if (!section) {
    const titles = checklist.sections.map((s) => `"${s.title}"`).join(", ");
    throw new GonogoError("not-found", `no section "${name}" in ${path}`, [
      `sections: ${titles || "(none)"}`,
    ]);
  }
  if (others.length > 0) {
    const ids = [section, ...others].map((s) => s.id).join(", ");
    throw new GonogoError("usage", `"${name}" names several sections (${ids}); use the section id`);
  }
  const store = await openStore({ checklistPath: path, ...(options.store ? { store: options.store } : {}) });
  return withStore(store, async () => {
    const key = checklistKey(path);
    const run = await store.latestCompleteRun(key);
    if (!run?.report)
      throw new GonogoError("not-found", `no complete run of ${key} to sign off: run gonogo verify first`);
    if (!run.report.sections.some((s) => s.id === section.id))
      throw new GonogoError(
        "conflict",
        `section "${section.title}" is not in run #${run.id}: run gonogo verify again`,
      );
    const ids = new Set(sectionItemIds(run.report.sections, run.report.items, section.id));
    const items = run.report.items.filter((i) => ids.has(i.id));
    const { statuses, hash } = sectionSnapshot(items);
    await store.addSignoff({
      checklist: key,
      sectionId: section.id,
      sectionTitle: section.title,
      by,
      role,
      at: new Date().toISOString(),
      runId: run.id,
      hash,
      statuses,
    });
    const counts = new Map<string, number>();
    for (const item of items) counts.set(item.status, (counts.get(item.status) ?? 0) + 1);
    const tally = [...counts].map(([status, n]) => `${n} ${status}`).join(", ") || "no items";
    process.stdout.write(
      `signed off "${section.title}" as ${role} by ${by}: run #${run.id} (${tally}; sha256 ${hash.slice(0, 12)})\n`,
    );
    return 0;
  });
}
