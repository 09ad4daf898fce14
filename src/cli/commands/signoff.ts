import { loadChecklist } from "../../checklist/index.js";
import { findSection, signOffSection } from "../../pipeline/sign-off-section.js";
import { checklistKey, openStore } from "../../store/index.js";
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
  const section = findSection(checklist, name, path);
  const store = await openStore({ checklistPath: path, ...(options.store ? { store: options.store } : {}) });
  return withStore(store, async () => {
    const { signoff, tally } = await signOffSection(store, {
      checklist: checklistKey(path),
      section,
      by,
      role,
      at: new Date(),
    });
    const counts = tally.map(([status, n]) => `${n} ${status}`).join(", ") || "no items";
    process.stdout.write(
      `signed off "${section.title}" as ${role} by ${by}: run #${signoff.runId} (${counts}; sha256 ${signoff.hash.slice(0, 12)})\n`,
    );
    return 0;
  });
}
