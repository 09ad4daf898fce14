// The forms Go's strconv.ParseFloat takes, which Prometheus uses, less hex floats: 1, -1.5, .5, 1e-3,
// and Inf, +Inf, -Infinity, NaN in any case.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

/** A sample value or `le` / `quantile` bound, or undefined when the text is not a number. */
export function parseFloatValue(text: string): number | undefined {
  if (DECIMAL.test(text)) return Number(text);
  const special = SPECIAL.exec(text);
  if (special === null) return undefined;
  if (special[2]?.toLowerCase() === "nan") return Number.NaN;
  return special[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

const INTEGER = /^-?\d+$/;

/**
 * A timestamp in milliseconds: the text format writes integer milliseconds, OpenMetrics (possibly
 * fractional) seconds. Undefined when the text is not one.
 */
export function parseTimestamp(text: string, openMetrics: boolean): number | undefined {
  if (!openMetrics) return INTEGER.test(text) ? Number(text) : undefined;
  return DECIMAL.test(text) ? Number(text) * 1000 : undefined;
}
