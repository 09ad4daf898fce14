import { findTarget, isDuration, isRatio, proseDuration, quantity, words } from "../rule-helpers.js";
import type { Rule } from "../types.js";

/** The cache: TTLs per key prefix, hit rate, PING. */
export const REDIS_RULES: readonly Rule[] = [
  {
    name: "redis-ttl",
    probe: "redis",
    summary: "TTLs per key prefix ('sessions:30min', 'Session keys expire within 30min') -> ttl(prefix:*)",
    examples: [
      "TTL configuration correct (policies:∞, rates:5min, features:24h, sessions:30min)",
      "Session keys expire within 30min",
      "Every rate key has a TTL (rates:5min)",
    ],
    propose(facts) {
      if (!/\bttl\b|\bexpire/i.test(facts.text)) return null;
      const expect: string[] = [];
      for (const m of facts.text.matchAll(/\b([a-z][\w-]*):\s*(∞|\d+\s*[a-z]+)/gi)) {
        const duration = m[2] === "∞" ? null : proseDuration(m[2] ?? "");
        if (m[2] === "∞") expect.push(`ttl(${m[1]}:*) > 3650d`);
        else if (duration) expect.push(`ttl(${m[1]}:*) <= ${duration}`);
      }
      const within = findTarget(facts, isDuration);
      const key = /^(?:every |all )?(\w+?)s? keys?\b/i.exec(facts.text)?.[1]?.toLowerCase();
      if (expect.length === 0 && within && key) expect.push(`ttl(${key}:*) ${within.op} ${quantity(within)}`);
      if (expect.length === 0) return null;
      return {
        config: { target: "cache" },
        expect,
        confidence: 0.5,
        because: words(facts, /\bTTL\b|\bexpire\w*|\b[a-z][\w-]*:\s*(?:∞|\d+\s*[a-z]+)/i),
      };
    },
  },
  {
    name: "hit-rate",
    probe: "redis",
    summary: "a cache/Redis hit rate target -> redis hit_rate",
    examples: [
      "Hit rate ≥85% during normal operations",
      "Cache warmer maintaining ≥90% hit rate",
      "Redis hit rate ≥90%",
    ],
    propose(facts) {
      if (!/hit rate/i.test(facts.text) || facts.metrics.length > 0) return null;
      const target = findTarget(facts, (t) => isRatio(t) && (t.op === ">" || t.op === ">="));
      if (!target) return null;
      return {
        config: { target: "cache" },
        expect: [`hit_rate ${target.op} ${quantity(target)}`],
        confidence: /panel|dashboard/i.test(facts.text) ? 0.4 : 0.7,
        because: ["hit rate", target.text],
      };
    },
  },
  {
    name: "redis-ping",
    probe: "redis",
    summary: "the cache answers PING / Redis connectivity -> ping == true",
    examples: ["Cache answers `PING`", "Redis connection healthy"],
    propose(facts) {
      const pattern = /\bping\b|\bredis (?:connection|connectivity)\b/i;
      if (!pattern.test(facts.text) || facts.paths.length > 0) return null;
      if (!/\bping\b/i.test(facts.text) && !/redis|cache/i.test(facts.text)) return null;
      return {
        config: { target: "cache" },
        expect: ["ping == true"],
        confidence: 0.8,
        because: words(facts, pattern),
      };
    },
  },
];
