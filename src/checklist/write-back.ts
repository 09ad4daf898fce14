import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "../atomic-write.js";
import { GonogoError } from "../errors.js";
import type { Checklist } from "./model.js";
import { writeTicks } from "./write-ticks.js";

/**
 * Sets the ticks of the given items in the checklist file (true = ticked) and nothing else.
 * Refuses when the file changed since it was read; writes atomically. Returns how many changed.
 */
export async function writeBackTicks(checklist: Checklist, wanted: Map<string, boolean>): Promise<number> {
  const { path } = checklist.source;
  const current = new Uint8Array(await readFile(path));
  if (createHash("sha256").update(current).digest("hex") !== checklist.source.sha256) {
    throw new GonogoError(
      "write-conflict",
      `${path}: changed since gonogo read it; not written (run verify again)`,
    );
  }
  const changes = checklist.items
    .filter((item) => wanted.has(item.id) && wanted.get(item.id) !== item.checked)
    .map((item) => ({ item, checked: wanted.get(item.id) as boolean }));
  if (changes.length > 0) await writeFileAtomic(path, writeTicks(current, changes));
  return changes.length;
}
