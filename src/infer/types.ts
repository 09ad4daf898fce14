import type { Item } from "../checklist/index.js";

/** One check proposed for an item: a probe block and expectations, ready to be written to gonogo.yml. */
export interface Proposal {
  probe: string;
  /** The probe block as it will be written (`target:` names one of the default targets). */
  config: Record<string, unknown>;
  expect: string[];
  /** 0..1: how sure the rule is that this check is what the item means. */
  confidence: number;
  /** The words of the item (or its context) that triggered the rule. */
  because: string[];
  /** The rule that proposed it. */
  rule: string;
}

/** What inference found for one item. */
export interface ItemInference {
  item: Item;
  proposals: Proposal[];
  /** Set for "(if using K8s)"-style items: a waiver candidate, written commented out. */
  waiverReason: string | null;
  /** Why no proposal was made when the item reads as a person's job ("reviewed", "approval"). */
  manualReason: string | null;
}

/**
 * Everything a rule may read about an item: its plain text, the raw spans of its source line, the
 * paths, files, commands and metric names found in them, and the section and parent around it.
 */
export interface ItemFacts {
  item: Item;
  /** What the item claims: its plain text without the URLs and "(e.g. …)" asides it cites (see claimText). */
  text: string;
  /** Lower-cased text. */
  lower: string;
  /** Backtick spans of the item's source line(s), as written. */
  spans: string[];
  /** URL paths (`/api/health`), from spans and plain text, without a method or query. */
  paths: string[];
  /** HTTP method written before the first path ("POST /api/quotes"), if any. */
  method: string | null;
  /** Relative file or folder names (`rules/bargain.yaml`, `docker-compose.yml`, `tests/golden/`). */
  files: string[];
  /** Shell commands from spans (`npm test`, `npm run verify:golden`). */
  commands: string[];
  /** Prometheus-style metric names from spans (`bargain_redis_hit_rate`). */
  metrics: string[];
  /** UPPER_CASE environment variable names from spans. */
  envVars: string[];
  /** CamelCase alert names (`ProfitGuardBreach`). */
  alerts: string[];
  /** Section title and parent item text, lower-cased: context for items such as "Health checks configured". */
  context: string;
  /** Metric names of the item's children (a "/metrics exposes all required metrics" parent). */
  childMetrics: string[];
  /** A schema named anywhere in the checklist ("`ai` schema"), for "3+ materialized views". */
  schema: string | null;
  /** A histogram named anywhere in the checklist (`*_seconds`), for "sustained" latency SLOs. */
  histogram: string | null;
  /** URL paths of the parent item: a route "P95 < 500ms" under "`/api/quotes` under load:" is about. */
  parentPaths: string[];
  /** A `k6 run` of another item in the same section: its thresholds are that run's expectations. */
  sectionK6: K6Run | null;
  /** An item of the same section (or this one) stating a load shape ("150 VUs for 3 minutes"). */
  sectionShape: { text: string; path: string | null } | null;
  /** Paths with "health" in them named in code anywhere in the checklist, for "all health endpoints". */
  healthPaths: string[];
  /** The command of the checklist's unit / integration test item, for a bare "All unit tests passing". */
  testCommands: { unit: string | null; integration: string | null };
}

/** A k6 script to run and its flags, from `k6 run [flags] script.js`. */
export interface K6Run {
  script: string;
  args: string[];
}

/** What a rule proposes: one check, or several of one probe ("all health endpoints": one per path). */
export type RuleProposal = Omit<Proposal, "rule" | "probe">;

/**
 * One inference rule: a row of the table in rules/ (one file per family). `propose` returns nothing when the item is
 * not about what the rule knows. `examples` are real item texts the rule must fire on (tested).
 */
export interface Rule {
  name: string;
  probe: string;
  summary: string;
  propose(facts: ItemFacts): RuleProposal | RuleProposal[] | null;
  examples: string[];
}
