import { createHash } from "node:crypto";
import { readFile, realpath } from "node:fs/promises";
import { writeFileAtomic } from "../core/atomic-write.js";
import { GonogoError } from "../core/errors.js";
import type { Checklist } from "./model.js";
import { writeTicks } from "./write-ticks.js";

/**
 * Sets the ticks of the given items in the checklist file (true = ticked) and nothing else.
 * Refuses when the file changed since it was read; writes atomically. Returns how many changed.
 */
export async function writeBackTicks(checklist: Checklist, wanted: Map<string, boolean>): Promise<number> {
  // Through a symlink, the file it points to is the one to rewrite (rename would replace the link).
  const path = await realpath(checklist.source.path);
  const current = new Uint8Array(await readFile(path));
  if (createHash("sha256").update(current).digest("hex") !== checklist.source.sha256) {
    throw new GonogoError(
      "conflict",
      `${path}: changed since gonogo read it; not written (run verify again)`,
    );
  }
  // A table row without a status cell has nothing to write: it stays as it is.
  const changes = checklist.items
    .filter((item) => item.tick !== null && wanted.has(item.id) && wanted.get(item.id) !== item.checked)
    .map((item) => ({ item, checked: wanted.get(item.id) as boolean }));
  if (changes.length > 0) await writeFileAtomic(path, writeTicks(current, changes));
  return changes.length;
}
