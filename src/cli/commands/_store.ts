import type { Checklist, Item } from "../../checklist/index.js";
import { GonogoError } from "../../core/errors.js";
import { closestItems, compileItemSpec, describeBroadSpec } from "../../engine/match-items.js";
import { openStore, type Store, type StoredRun } from "../../store/index.js";

/** Flags every store command shares. */
export interface StoreFlags {
  store?: string;
  /** The checklist beside which the default store (`.gonogo/gonogo.db`) lives. */
  checklist?: string;
  json?: boolean;
}

/**
 * Opens a store that must already exist, without migrating or creating anything: reading commands
 * never turn a mistyped file or database into an empty store ("no store at ...", exit 2).
 */
export function openExistingStore(flags: StoreFlags): Promise<Store> {
  return openStore({
    ...(flags.store ? { store: flags.store } : {}),
    ...(flags.checklist ? { checklistPath: flags.checklist } : {}),
    existing: true,
  });
}

/** `12` or `#12`: a run number, which must exist. */
export async function findRun(store: Store, text: string): Promise<StoredRun> {
  const id = Number(text.replace(/^#/, ""));
  if (!Number.isInteger(id) || id <= 0)
    throw new GonogoError("usage", `${text}: not a run number (see gonogo history)`);
  const run = await store.getRun(id);
  if (!run) throw new GonogoError("not-found", `run #${id} is not in ${store.location} (see gonogo history)`);
  return run;
}

/** The items an argument names, as gonogo.yml names them: text, id or /regex/. None is a not-found error. */
export function findItems(checklist: Checklist, spec: string): Item[] {
  const matcher = compileItemSpec(spec, checklist.items);
  if ("error" in matcher) throw new GonogoError("usage", `${JSON.stringify(spec)} is ${matcher.error}`);
  const items = checklist.items.filter(matcher);
  if (items.length > 0) return items;
  const closest = closestItems(checklist, spec).join(", ");
  throw new GonogoError("not-found", `${JSON.stringify(spec)} matches no item in ${checklist.source.path}`, [
    `closest: ${closest || "(the checklist has no items)"}`,
  ]);
}

/**
 * The text of a flag that names a person or a reason (`--by`, `--role`, `--reason`), trimmed. A
 * record that names nobody vouches for nothing: blank is a usage error (exit 2).
 */
export function requiredText(flag: string, value: string, what: string): string {
  const text = value.trim();
  if (text === "")
    throw new GonogoError("usage", `${flag} ${JSON.stringify(value)}: ${what} cannot be blank`);
  return text;
}

/** Says on stderr when an item argument (`"/./"`) names several items, each listed: never silently. */
export function warnBroadSpec(spec: string, items: Item[], what: string): void {
  const broad = describeBroadSpec(spec, items);
  if (broad !== null) process.stderr.write(`gonogo: ${broad}; ${what} each of them\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** `1.2s`, `340ms`, `2m05s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
}

/** Store calls in a command: the store is closed however the command ends. */
export async function withStore<T>(store: Store, use: (store: Store) => Promise<T>): Promise<T> {
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}
