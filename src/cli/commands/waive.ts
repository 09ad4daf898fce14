import { loadChecklist } from "../../checklist/index.js";
import { waiverSchema } from "../../config/schema.js";
import { GonogoError } from "../../core/errors.js";
import { checklistKey, openStore } from "../../store/index.js";
import { waiverExpired } from "../../verdict/manual-evidence.js";
import { findItems, requiredText, warnBroadSpec, withStore } from "./_store.js";

export interface WaiveOptions {
  reason: string;
  by: string;
  until: string;
  store?: string;
}

/** `gonogo waive <checklist> <item>`: not applicable until a date, as gonogo.yml's `waivers:` say. */
export async function runWaive(path: string, spec: string, options: WaiveOptions): Promise<number> {
  const parsed = waiverSchema.safeParse({
    item: spec,
    reason: requiredText("--reason", options.reason, "why it does not apply"),
    by: requiredText("--by", options.by, "who approves the waiver"),
    until: options.until,
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `--${String(i.path[0] ?? "")}: ${i.message}`);
    throw new GonogoError("usage", "the waiver is not valid", issues);
  }
  if (waiverExpired(parsed.data.until, new Date()))
    throw new GonogoError(
      "usage",
      `--until ${options.until}: that date has passed; a waiver needs a date to come`,
    );
  const checklist = await loadChecklist(path);
  const items = findItems(checklist, spec);
  warnBroadSpec(spec, items, "waiving");
  const { by, reason } = parsed.data;
  const store = await openStore({ checklistPath: path, ...(options.store ? { store: options.store } : {}) });
  return withStore(store, async () => {
    for (const item of items) {
      await store.addWaiver({
        checklist: checklistKey(path),
        itemId: item.id,
        itemText: item.text,
        reason,
        by,
        at: new Date().toISOString(),
        until: options.until,
      });
      process.stdout.write(`waived "${item.text}" (${item.id}) until ${options.until} by ${by}: ${reason}\n`);
    }
    return 0;
  });
}
