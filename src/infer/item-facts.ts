import type { Checklist, Item } from "../checklist/index.js";
import { claimText } from "./claim-text.js";
import { shareFacts } from "./shared-facts.js";
import { codeSpans, fencedBlock, itemSource } from "./source-spans.js";
import type { ItemFacts } from "./types.js";

const METHOD = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/;
const COMMAND =
  /^(?:npm|npx|yarn|pnpm|bun|deno|node|make|go|cargo|pytest|python3?|docker|kubectl|helm|terraform|bash|sh|mvn|gradle|\.\/[\w./-]+|jest|vitest|k6|curl|git|tox|rake|bundle|php|composer|dotnet)(?:\s|$)/;
const FILE_EXTENSIONS =
  /\.(?:ya?ml|json|md|toml|env|js|mjs|cjs|ts|tsx|py|go|rs|sh|sql|conf|ini|tf|txt|lock|example|production|xml|csv|pem|properties)$/i;
const URL_PATH = /(?:^|[\s("'])(?:(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\s+)?(\/[A-Za-z_][\w\-./[\]{}:]*)/g;
const METRIC = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/;
const PLAIN_METRIC = /(?<![\w.])[a-z][a-z0-9]*(?:_[a-z0-9]+){2,}(?![\w(.])/g;
const ENV_VAR = /^([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?:=.*)?$/;
/** A CamelCase name of three parts or more (`ProfitGuardBreach`); "GraphQL" is one too, so see alertNames. */
const CAMEL = "[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*){2,}";
/** The name beside the word: "`X` alert", "X alert", "alert rule X", "rule X". */
const ALERT_BESIDE = new RegExp(
  `\\b(${CAMEL})\\s+(?:[Aa]lert|[Rr]ule)s?\\b|\\b(?:[Aa]lert(?:ing)?|[Rr]ule)s?\\s+(?:rules?\\s+)?(${CAMEL})\\b`,
  "g",
);
const PLAIN_FILE = /(?:^|[\s(])(\.?[\w-]+(?:\/[\w.-]+)*\.[A-Za-z]{1,11})(?=[\s),.;:]|$)/g;

/** Facts for every item of the checklist, by item id (children's metrics reach their parents). */
export function collectFacts(checklist: Checklist): Map<string, ItemFacts> {
  const sections = new Map(checklist.sections.map((s) => [s.id, s.title]));
  const items = new Map(checklist.items.map((i) => [i.id, i]));
  const schema = findSchema(checklist);
  const facts = new Map<string, ItemFacts>();
  for (const item of checklist.items) {
    const parent = item.parent ? items.get(item.parent) : undefined;
    const context = [item.section ? sections.get(item.section) : "", parent?.text ?? ""].join(" | ");
    const source = itemSource(checklist, item);
    const fenced = fencedBlock(checklist, item);
    facts.set(item.id, itemFacts(item, source, context.toLowerCase(), schema, fenced));
  }
  const histogram = findHistogram([...facts.values()]);
  for (const fact of facts.values()) {
    fact.histogram = histogram;
    fact.childMetrics = fact.item.children.flatMap((id) => facts.get(id)?.metrics ?? []);
  }
  shareFacts(facts);
  return facts;
}

/** Facts of one item from its plain text, its Markdown source (see itemSource) and the code block under it. */
export function itemFacts(
  item: Item,
  markdown: string,
  context = "",
  schema: string | null = null,
  fenced: string[] = [],
): ItemFacts {
  const spans = codeSpans(markdown);
  // Rules read what the item claims: a URL it cites is a reference, not a target or a keyword.
  const text = claimText(item.text);
  const paths: string[] = [];
  let method: string | null = null;
  const addPath = (path: string, verb: string | undefined) => {
    const clean = path.replace(/[.,:;)]+$/, "").replace(/[?#].*$/, "");
    if (clean.length > 1 && !paths.includes(clean)) paths.push(clean);
    if (verb && method === null) method = verb;
  };
  for (const span of spans) {
    const [first = "", second] = span.split(/\s+/);
    if (span.startsWith("/") && !/\s/.test(span)) addPath(span, undefined);
    else if (METHOD.test(first) && second?.startsWith("/")) addPath(second, first);
  }
  for (const match of text.matchAll(URL_PATH)) addPath(match[2] ?? "", match[1]);
  const commands = unique([...spans.filter((s) => COMMAND.test(s)), ...blockCommands(fenced)]);
  const envVars = spans.flatMap((s) => ENV_VAR.exec(s)?.[1] ?? []);
  const metrics = unique([
    ...spans.filter((s) => METRIC.test(s)),
    ...[...text.matchAll(PLAIN_METRIC)].map((m) => m[0]),
  ]);
  const files = unique([
    ...spans.filter((s) => isFileName(s) && !commands.includes(s)),
    ...[...text.matchAll(PLAIN_FILE)].map((m) => m[1] ?? "").filter((f) => FILE_EXTENSIONS.test(f)),
  ]).filter((f) => !paths.includes(f) && !paths.some((p) => p.endsWith(f)));
  const alerts = alertNames(text, spans);
  return {
    item,
    text,
    lower: text.toLowerCase(),
    spans,
    paths,
    method,
    files,
    commands,
    metrics,
    envVars,
    alerts,
    context,
    childMetrics: [],
    schema,
    histogram: null,
    parentPaths: [],
    sectionK6: null,
    sectionShape: null,
    healthPaths: [],
    testCommands: { unit: null, integration: null },
  };
}

/** The command lines of a code block (a `$ ` prompt dropped; comments and output lines left out). */
function blockCommands(block: string[]): string[] {
  return block.map((line) => line.replace(/^\$\s+/, "")).filter((line) => COMMAND.test(line));
}

/**
 * Alert rule names the item is about: a CamelCase name beside "alert" or "rule", or written in
 * code in an item about alerts. A product named elsewhere in the sentence ("GraphQL", in an item
 * about the architecture's one-hop "rule") is not one.
 */
function alertNames(text: string, spans: string[]): string[] {
  if (!/\b(?:alert|rule)/i.test(text)) return [];
  const beside = [...text.matchAll(ALERT_BESIDE)].map((m) => m[1] ?? m[2] ?? "");
  const inCode = spans.filter((s) => new RegExp(`^${CAMEL}$`).test(s));
  return unique([...beside, ...inCode].filter((name) => name !== ""));
}

function isFileName(span: string): boolean {
  if (/\s|^\/|:\/\/|^[A-Z_]+=/.test(span)) return false;
  if (span.endsWith("/")) return /^[\w.-]+(?:\/[\w.-]+)*\/$/.test(span);
  if (/^\.[\w.-]+$/.test(span)) return true;
  return FILE_EXTENSIONS.test(span) && /^[\w.-]+(?:\/[\w.-]+)*$/.test(span);
}

function findSchema(checklist: Checklist): string | null {
  for (const item of checklist.items) {
    const match = /\bin (?:the )?([a-z_][\w]*) schema\b/i.exec(item.text);
    if (match?.[1]) return match[1];
  }
  return null;
}

function findHistogram(all: ItemFacts[]): string | null {
  const names = all.flatMap((f) => f.metrics.filter((m) => m.endsWith("_seconds")));
  const declared = all.find(
    (f) => f.lower.includes("histogram") && f.metrics.some((m) => m.endsWith("_seconds")),
  );
  return declared?.metrics.find((m) => m.endsWith("_seconds")) ?? names[0] ?? null;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
