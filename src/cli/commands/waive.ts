import { loadChecklist } from "../../checklist/index.js";
import { checkWaiver, waiveItems } from "../../pipeline/waive-items.js";
import { checklistKey, openStore } from "../../store/index.js";
import { findItems, requiredText, warnBroadSpec, withStore } from "./_store.js";

export interface WaiveOptions {
  reason: string;
  by: string;
  until: string;
  store?: string;
}

/** `gonogo waive <checklist> <item>`: not applicable until a date, as gonogo.yml's `waivers:` say. */
export async function runWaive(path: string, spec: string, options: WaiveOptions): Promise<number> {
  const waiver = checkWaiver(
    {
      item: spec,
      reason: requiredText("--reason", options.reason, "why it does not apply"),
      by: requiredText("--by", options.by, "who approves the waiver"),
      until: options.until,
    },
    new Date(),
    (field) => `--${field}`,
  );
  const checklist = await loadChecklist(path);
  const items = findItems(checklist, spec);
  warnBroadSpec(spec, items, "waiving");
  const { by, reason } = waiver;
  const store = await openStore({ checklistPath: path, ...(options.store ? { store: options.store } : {}) });
  return withStore(store, async () => {
    await waiveItems(store, {
      checklist: checklistKey(path),
      items,
      waiver: { reason, by, until: options.until },
      at: () => new Date(),
      onRecorded: (w) =>
        process.stdout.write(
          `waived "${w.itemText}" (${w.itemId}) until ${options.until} by ${by}: ${reason}\n`,
        ),
    });
    return 0;
  });
}
