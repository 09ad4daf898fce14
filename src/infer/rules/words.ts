import type { ItemFacts } from "../types.js";

/** Words and helpers shared by several rule families. */
export const LATENCY_WORDS = /\bp\s?(?:50|95|99)\b|\blatency\b|response time|median/i;
export const LOAD_WORDS = /\bunder (?:normal )?load\b|\bload[- ]test|\bVUs?\b|\bk6\b|\bload tests?\b/i;

export function firstPath(facts: ItemFacts, accept: (p: string) => boolean = () => true): string | undefined {
  return facts.paths.find(accept);
}

export const isMetricsPath = (p: string) => /^\/metrics\b/.test(p);

/**
 * The route an item is about when it names one: its own, its parent's ("`/api/quotes` under
 * load:"), or the one its section's load shape names. Undefined means a rule would guess `/`.
 */
export function namedRoute(facts: ItemFacts): string | undefined {
  const routes = [
    ...facts.paths,
    ...facts.parentPaths,
    ...(facts.sectionShape?.path ? [facts.sectionShape.path] : []),
  ];
  return routes.find((p) => !isMetricsPath(p));
}

/** Below the review threshold (0.5): a check on a guessed route is written commented out. */
export const GUESSED_ROUTE = 0.4;

/** What a reviewer must know of a guessed route. */
export const GUESSED_ROUTE_WHY = "no route in the item or its section: / is a guess";
