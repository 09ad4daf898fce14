import type { Quantity } from "./observation.js";

type Step = readonly [size: number, symbol: string];

const DURATION_STEPS: Step[] = [
  [86_400_000, "d"],
  [3_600_000, "h"],
  [60_000, "m"],
  [1000, "s"],
  [1, "ms"],
  [0.001, "us"],
];
const DECIMAL_SIZE_STEPS: Step[] = [
  [1e12, "TB"],
  [1e9, "GB"],
  [1e6, "MB"],
  [1e3, "KB"],
  [1, "B"],
];
const BINARY_SIZE_STEPS: Step[] = [
  [1024 ** 4, "TiB"],
  [1024 ** 3, "GiB"],
  [1024 ** 2, "MiB"],
  [1024, "KiB"],
  [1, "B"],
];

/** A number with at most `digits` significant digits and no trailing zeros; whole numbers stay whole. */
export function formatNumber(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 10 ** digits) return String(Math.round(value));
  return String(Number(value.toPrecision(digits)));
}

function withSteps(value: number, steps: Step[], zero: string, digits: number): string {
  if (value === 0) return zero;
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  // Judge each step by the rounded number, so 999,999,999 B reads "1GB", not "1000MB".
  const step = steps.find(([size]) => Number((magnitude / size).toPrecision(digits)) >= 1) ?? steps.at(-1);
  if (!step) return zero;
  return `${formatNumber(value / step[0], digits)}${step[1]}`;
}

/**
 * Renders a value for people: `241ms`, `1.5s`, `2.3MB`, `0.93`, or `93%` when `like` (the unit the
 * expectation was written in) is `%`. Sizes use KiB/MiB steps when `like` does.
 */
export function formatQuantity(value: Quantity | number, like: string | null = null, digits = 4): string {
  if (typeof value === "number") {
    return like === "%" ? `${formatNumber(value * 100, digits)}%` : formatNumber(value, digits);
  }
  if (value.unit === "ms" && value.value === Number.POSITIVE_INFINITY) return "never";
  if (value.unit === "ms") return withSteps(value.value, DURATION_STEPS, "0ms", digits);
  const binary = like?.endsWith("iB") ?? false;
  return withSteps(value.value, binary ? BINARY_SIZE_STEPS : DECIMAL_SIZE_STEPS, "0B", digits);
}
