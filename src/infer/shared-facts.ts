import { CHANGES_STATE, k6Script } from "./rule-helpers.js";
import type { ItemFacts } from "./types.js";

/** "150 VUs", "50 requests per second": a load shape stated in words. */
export const LOAD_SHAPE = /\b\d+\s*VUs?\b|\b\d+\s*(?:requests per second|req\/s(?:ec)?|rps)\b/i;

/**
 * Facts an item borrows from the rest of the checklist (set in place): its parent's routes, the
 * k6 run and load shape its section states, the health paths and test commands named elsewhere.
 * "P95 latency < 500ms" under a section whose other item runs `k6 run load.js` is about that run.
 */
export function shareFacts(facts: Map<string, ItemFacts>): void {
  const all = [...facts.values()];
  const healthPaths = [...new Set(all.flatMap(spanPaths).filter((p) => /health/i.test(p)))];
  const testCommands = {
    unit: testCommand(all, /\bunit (?:tests?|suite)\b/i),
    integration: testCommand(all, /\bintegration (?:tests?|suite)\b/i),
  };
  for (const fact of all) {
    const { section, parent } = fact.item;
    const siblings = section === null ? [] : all.filter((f) => f.item.section === section);
    fact.parentPaths = parent ? (facts.get(parent)?.paths ?? []) : [];
    fact.sectionK6 = siblings.map(k6Script).find((run) => run !== null) ?? null;
    const shaped = LOAD_SHAPE.test(fact.text) ? fact : siblings.find((f) => LOAD_SHAPE.test(f.text));
    fact.sectionShape = shaped ? { text: shaped.text, path: shaped.paths[0] ?? null } : null;
    fact.healthPaths = healthPaths;
    fact.testCommands = testCommands;
  }
}

/** Paths written in code spans (`/api/health`, `GET /api/health`), not guessed from prose. */
function spanPaths(fact: ItemFacts): string[] {
  return fact.paths.filter((p) => fact.spans.some((s) => s === p || s.endsWith(` ${p}`)));
}

/** The first runnable command of an item about unit (or integration) tests. */
function testCommand(all: ItemFacts[], kind: RegExp): string | null {
  for (const fact of all) {
    if (!kind.test(`${fact.text} ${fact.context}`)) continue;
    const run = fact.commands.find((c) => !/^k6 run\b/.test(c) && !CHANGES_STATE.test(c));
    if (run) return run;
  }
  return null;
}
