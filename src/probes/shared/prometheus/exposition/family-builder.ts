import { LineError } from "./line-cursor.js";
import {
  checkExemplarAllowed,
  checkNoClash,
  checkUnitAllowed,
  OM_SUFFIXES,
  type Suffixes,
} from "./openmetrics-metadata.js";
import type { CommentLine } from "./parse-comment.js";
import { parseFloatValue } from "./parse-number.js";
import type { SampleLine } from "./parse-sample.js";
import type { ExpositionFormat, MetricFamily, MetricType } from "./types.js";

// Which sample names belong to a family of which type: `x_bucket` to histogram `x`, and so on.
const TEXT_SUFFIXES: Suffixes = [
  ["_bucket", ["histogram"]],
  ["_sum", ["histogram", "summary"]],
  ["_count", ["histogram", "summary"]],
];
// OpenMetrics types whose samples never carry the bare family name.
const OM_SUFFIX_ONLY: readonly MetricType[] = ["counter", "histogram", "gaugehistogram", "info"];

/** Groups samples into families as they come, enforcing the metadata rules of the format. */
export class FamilyBuilder {
  readonly families = new Map<string, MetricFamily>();
  private readonly typed = new Set<string>();
  private readonly closed = new Set<string>();
  private current: string | undefined;
  private readonly om: boolean;

  constructor(format: ExpositionFormat) {
    this.om = format === "openmetrics";
  }

  /** `# HELP`, `# TYPE` or `# UNIT` for `line.name`. */
  declare(line: Exclude<CommentLine, { kind: "eof" | "comment" }>): void {
    const family = this.enter(line.name);
    this.declareOn(family, line);
    if (this.om) {
      checkUnitAllowed(family);
      checkNoClash(family, this.families);
    }
  }

  private declareOn(family: MetricFamily, line: Exclude<CommentLine, { kind: "eof" | "comment" }>): void {
    const what = `${line.kind.toUpperCase()} line for ${line.name}`;
    // The text format lets HELP follow the samples, not TYPE; OpenMetrics puts all metadata first.
    if (family.samples.length > 0 && (this.om || line.kind === "type")) {
      throw new LineError(`${what} after its samples`);
    }
    if (line.kind === "type") {
      if (this.typed.has(line.name)) throw new LineError(`second ${what}`);
      this.typed.add(line.name);
      family.type = line.type;
    } else if (line.kind === "help") {
      if (family.help !== undefined) throw new LineError(`second ${what}`);
      family.help = line.help;
    } else {
      if (family.unit !== undefined) throw new LineError(`second ${what}`);
      if (line.unit !== "" && !line.name.endsWith(`_${line.unit}`)) {
        throw new LineError(`${line.name} has unit ${line.unit} but its name does not end in _${line.unit}`);
      }
      family.unit = line.unit;
    }
  }

  add({ exemplar, ...sample }: SampleLine, line: number): void {
    const family = this.enter(this.ownerName(sample.name));
    checkBounds(family, sample, this.om);
    if (exemplar) checkExemplarAllowed(family, sample.name);
    family.samples.push({ ...sample, line });
  }

  private ownerName(name: string): string {
    const exact = this.families.get(name);
    if (exact && !(this.om && OM_SUFFIX_ONLY.includes(exact.type))) return name;
    for (const [suffix, owners] of this.om ? OM_SUFFIXES : TEXT_SUFFIXES) {
      const base = name.endsWith(suffix) ? this.families.get(name.slice(0, -suffix.length)) : undefined;
      if (base && owners.includes(base.type)) return base.name;
    }
    if (exact)
      throw new LineError(`sample ${name} does not fit ${exact.type} ${name}: ${expectedNames(exact)}`);
    return name;
  }

  /** The family named `name`, created untyped when new; OpenMetrics families must not be split. */
  private enter(name: string): MetricFamily {
    if (this.om && this.current !== name) {
      if (this.closed.has(name)) {
        throw new LineError(`lines of metric family ${name} are not together (OpenMetrics requires it)`);
      }
      if (this.current !== undefined) this.closed.add(this.current);
      this.current = name;
    }
    let family = this.families.get(name);
    if (family === undefined) {
      family = { name, type: this.om ? "unknown" : "untyped", samples: [] };
      this.families.set(name, family);
    }
    return family;
  }
}

function expectedNames(family: MetricFamily): string {
  const suffixes = OM_SUFFIXES.filter(([, owners]) => owners.includes(family.type)).map(([suffix]) => suffix);
  return `expected ${suffixes.map((suffix) => family.name + suffix).join(" or ")}`;
}

/** A histogram's `le` and a summary's `quantile` must be numbers; OpenMetrics requires `le` on buckets. */
function checkBounds(family: MetricFamily, sample: SampleLine, om: boolean): void {
  const isBucket = sample.name === `${family.name}_bucket`;
  const label = isBucket
    ? "le"
    : family.type === "summary" && sample.name === family.name
      ? "quantile"
      : null;
  if (label === null) return;
  const bound = sample.labels[label];
  if (bound === undefined) {
    if (om) throw new LineError(`${sample.name} has no ${label} label`);
    return;
  }
  if (parseFloatValue(bound) === undefined) {
    throw new LineError(`${sample.name}: ${label} label ${JSON.stringify(bound)} is not a number`);
  }
}
