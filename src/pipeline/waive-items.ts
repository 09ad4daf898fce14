import type { Item } from "../checklist/index.js";
import { waiverSchema } from "../config/schema.js";
import { GonogoError } from "../core/errors.js";
import type { AuditContext, Store, StoredWaiver } from "../store/index.js";
import { waiverExpired } from "../verdict/manual-evidence.js";

export interface WaiverFields {
  item: string;
  reason: string;
  by: string;
  /** YYYY-MM-DD, valid through that day (UTC). */
  until: string;
}

/**
 * A waiver as gonogo.yml's `waivers:` take it, checked: a reason, who approves, a real date to
 * come. `nameOf` says how the caller names a field in messages (`--until` for the CLI).
 */
export function checkWaiver(
  fields: WaiverFields,
  now: Date,
  nameOf: (field: string) => string = (field) => field,
): WaiverFields {
  const parsed = waiverSchema.safeParse(fields);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${nameOf(String(i.path[0] ?? ""))}: ${i.message}`);
    throw new GonogoError("usage", "the waiver is not valid", issues);
  }
  if (waiverExpired(parsed.data.until, now))
    throw new GonogoError(
      "usage",
      `${nameOf("until")} ${fields.until}: that date has passed; a waiver needs a date to come`,
    );
  return parsed.data;
}

export interface WaiveRequest {
  checklist: string;
  items: Pick<Item, "id" | "text">[];
  waiver: Omit<WaiverFields, "item">;
  at: () => Date;
  audit?: AuditContext;
  /** Told of each waiver as it is recorded (the CLI prints a line). */
  onRecorded?: (waiver: StoredWaiver) => void;
}

/** Records that each item does not apply until a date, each with its audit event (`gonogo waive`, `POST .../waivers`). */
export async function waiveItems(store: Store, request: WaiveRequest): Promise<StoredWaiver[]> {
  const recorded: StoredWaiver[] = [];
  const { reason, by, until } = request.waiver;
  for (const item of request.items) {
    const waiver = {
      checklist: request.checklist,
      itemId: item.id,
      itemText: item.text,
      reason,
      by,
      at: request.at().toISOString(),
      until,
    };
    const id = await store.addWaiver(waiver, request.audit);
    recorded.push({ id, ...waiver });
    request.onRecorded?.({ id, ...waiver });
  }
  return recorded;
}
