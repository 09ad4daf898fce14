/** What a written number measures. `%` is dimensionless: `90%` is the ratio 0.9. */
export type Dimension = "duration" | "size" | "none";

export interface UnitInfo {
  /** The canonical spelling (`µs` and `μs` are written back as `us`). */
  symbol: string;
  dimension: Dimension;
  /** How many base units (milliseconds, bytes, or 1) one of this unit is. */
  factor: number;
}

const UNIT_LIST: UnitInfo[] = [
  { symbol: "us", dimension: "duration", factor: 0.001 },
  { symbol: "ms", dimension: "duration", factor: 1 },
  { symbol: "s", dimension: "duration", factor: 1000 },
  { symbol: "m", dimension: "duration", factor: 60_000 },
  { symbol: "h", dimension: "duration", factor: 3_600_000 },
  { symbol: "d", dimension: "duration", factor: 86_400_000 },
  { symbol: "B", dimension: "size", factor: 1 },
  { symbol: "KB", dimension: "size", factor: 1e3 },
  { symbol: "MB", dimension: "size", factor: 1e6 },
  { symbol: "GB", dimension: "size", factor: 1e9 },
  { symbol: "TB", dimension: "size", factor: 1e12 },
  { symbol: "KiB", dimension: "size", factor: 1024 },
  { symbol: "MiB", dimension: "size", factor: 1024 ** 2 },
  { symbol: "GiB", dimension: "size", factor: 1024 ** 3 },
  { symbol: "TiB", dimension: "size", factor: 1024 ** 4 },
  { symbol: "%", dimension: "none", factor: 0.01 },
];

// A Map, not an object literal, so "constructor" or "__proto__" never look like units.
const UNITS = new Map<string, UnitInfo>(UNIT_LIST.map((unit) => [unit.symbol, unit]));
const MICRO = UNITS.get("us");
if (MICRO) {
  UNITS.set("µs", MICRO); // U+00B5 micro sign
  UNITS.set("μs", MICRO); // U+03BC Greek mu, which keyboards often produce instead
}

/** Spellings people write that the language does not take, mapped to the unit they meant. */
const LOOKALIKES = new Map<string, string>([
  ["sec", "s"],
  ["secs", "s"],
  ["second", "s"],
  ["seconds", "s"],
  ["msec", "ms"],
  ["msecs", "ms"],
  ["min", "m"],
  ["mins", "m"],
  ["minute", "m"],
  ["minutes", "m"],
  ["hr", "h"],
  ["hrs", "h"],
  ["hour", "h"],
  ["hours", "h"],
  ["day", "d"],
  ["days", "d"],
  ["bytes", "B"],
]);

export const UNIT_HELP = "units: us ms s m h d, B KB MB GB TB KiB MiB GiB TiB, %";

export function lookupUnit(symbol: string): UnitInfo | undefined {
  return UNITS.get(symbol);
}

/** The unit a mistyped one most likely meant (`mb` -> `MB`, `sec` -> `s`), if any. */
export function suggestUnit(written: string): string | undefined {
  const lower = written.toLowerCase();
  const sameLetters = UNIT_LIST.find((unit) => unit.symbol.toLowerCase() === lower);
  return sameLetters?.symbol ?? LOOKALIKES.get(lower);
}

/** Converts a written number to base units (ms, bytes, ratio), rounding away float noise (`90 * 0.01`). */
export function toBaseUnits(literal: number, unit: UnitInfo | undefined): number {
  if (!unit || unit.factor === 1) return literal;
  return Number((literal * unit.factor).toPrecision(15));
}

const QUANTITY_TEXT = /^(\d+(?:\.\d+)?)\s*(\S*)$/;

/** A number with a unit of the wanted dimension, in base units (ms or bytes), or null. */
function parseQuantity(text: string, dimension: "duration" | "size", bare: boolean): number | null {
  const match = QUANTITY_TEXT.exec(text.trim());
  if (!match?.[1]) return null;
  if (!match[2]) return bare ? Number(match[1]) : null;
  const unit = lookupUnit(match[2]);
  if (unit?.dimension !== dimension) return null;
  const value = toBaseUnits(Number(match[1]), unit);
  return Number.isFinite(value) ? value : null;
}

/**
 * Parses a duration as written in gonogo.yml into milliseconds, or null when it is not one.
 * `parseDuration("250ms")` is 250, `parseDuration("1.5s")` is 1500, `parseDuration("5")` is null.
 */
export function parseDuration(text: string): number | null {
  return parseQuantity(text, "duration", false);
}

/**
 * Parses a size as written in gonogo.yml into bytes, or null: KB MB GB are powers of 1000 and
 * KiB MiB GiB of 1024, as in expectations. A bare number is bytes: `parseSize("64KB")` is 64000.
 */
export function parseSize(text: string): number | null {
  return parseQuantity(text, "size", true);
}
