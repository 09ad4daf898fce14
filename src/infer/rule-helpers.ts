import type { Target } from "../checklist/index.js";
import type { ItemFacts } from "./types.js";

/** Commands that change what they touch (a migration, a deploy, a push, a delete): not checks. */
export const CHANGES_STATE =
  /\b(?:migrate|deploy|apply|push|publish|install|rollout|rm|delete|drop|destroy|seed|reset|upgrade)\b/;

/** `<300ms` from a target stated in the item: `300ms`, `0.5%`, `0.9`. */
export function quantity(target: Target): string {
  return `${target.value}${target.unit ?? ""}`;
}

export function isDuration(target: Target): boolean {
  return target.unit !== null && ["ms", "s", "m", "h", "d"].includes(target.unit);
}

/** A ratio stated as a percentage or a plain fraction (`≥ 90%`, `≥0.90`). */
export function isRatio(target: Target): boolean {
  return target.unit === "%" || (target.unit === null && target.value > 0 && target.value <= 1);
}

/** The first target whose words match `metric` (or any target when omitted) and pass `accept`. */
export function findTarget(facts: ItemFacts, accept: (t: Target) => boolean, metric?: RegExp): Target | null {
  return (
    facts.item.targets.find((t) => accept(t) && (!metric || metric.test(t.metric.toLowerCase()))) ?? null
  );
}

/** The words the pattern found in the item's text, for a proposal's `because`. */
export function words(facts: ItemFacts, pattern: RegExp): string[] {
  const global = new RegExp(
    pattern.source,
    pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`,
  );
  return [...new Set([...facts.text.matchAll(global)].map((m) => m[0]))];
}

/** `p95`, `p99` or `p50` named by a target or the text; `p95` for a plain "latency" or "response time". */
export function percentile(text: string): "p50" | "p95" | "p99" {
  if (/\bp\s?99\b/i.test(text)) return "p99";
  if (/\bp\s?50\b|median/i.test(text)) return "p50";
  return "p95";
}

/** A YAML duration from prose: "3 minutes" -> "3m", "2 hours" -> "2h"; null when there is none. */
export function proseDuration(text: string): string | null {
  const match = /\b(\d+)\s*(ms|s|sec|seconds?|m|min|minutes?|h|hr|hours?|d|days?)\b/i.exec(text);
  if (!match) return null;
  const unit = (match[2] ?? "").toLowerCase();
  const short = unit.startsWith("ms")
    ? "ms"
    : unit.startsWith("s")
      ? "s"
      : unit.startsWith("h")
        ? "h"
        : unit.startsWith("d")
          ? "d"
          : "m";
  return `${match[1]}${short}`;
}

/** A metric path label matcher: `name{route="/quote"}`, or the bare name without a path. */
export function withRoute(name: string, path: string | undefined): string {
  return path ? `${name}{route="${path}"}` : name;
}

/** `k6 run [flags] script.js` from the item's code or the block under it: the script and its flags. */
export function k6Script(facts: Pick<ItemFacts, "commands">): { script: string; args: string[] } | null {
  for (const command of facts.commands) {
    const words = command.trim().split(/\s+/);
    if (words[0] !== "k6" || words[1] !== "run") continue;
    const script = words.at(-1);
    if (script && /\.(?:js|ts|mjs|cjs)$/.test(script)) return { script, args: words.slice(2, -1) };
  }
  return null;
}
