import type { ItemFacts } from "../types.js";

/** Words and helpers shared by several rule families. */
export const LATENCY_WORDS = /\bp\s?(?:50|95|99)\b|\blatency\b|response time|median/i;
export const LOAD_WORDS = /\bunder (?:normal )?load\b|\bload[- ]test|\bVUs?\b|\bk6\b|\bload tests?\b/i;

export function firstPath(facts: ItemFacts, accept: (p: string) => boolean = () => true): string | undefined {
  return facts.paths.find(accept);
}

export const isMetricsPath = (p: string) => /^\/metrics\b/.test(p);
