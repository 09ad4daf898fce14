/**
 * What probes observe, in the words of docs/architecture.md: named, typed values with units.
 * Probes produce them, `expect/` judges them, reports show them; so they live here, below all three.
 */

/**
 * A measured quantity with a dimension. Durations are always milliseconds and sizes always bytes,
 * so the expectation language can compare `latency < 0.3s` and `size < 1GB` without asking the probe.
 */
export interface Quantity {
  value: number;
  unit: "ms" | "B";
}

/**
 * One observed value. Plain numbers are dimensionless (a ratio such as a hit rate is 0.93, never 93);
 * a list compares by its length against a number (`missing == 0`) and by membership with `contains`.
 * `null` means the probe looked and found nothing (e.g. no Location header): an expectation on it is
 * an `error`, unless it asks `exists`.
 */
export type Observed = number | string | boolean | string[] | Quantity | null;

export type Observations = Record<string, Observed>;

/**
 * How an observation falls short of the whole it stands for: a body read to `max_body`, a command's
 * last 64 KiB, a count made on what was read. The probe says so; `expect/` then refuses every judgment
 * the unread part could overturn (an absence such as `!contains` above all) and lets stand only the
 * ones what was read settles (`contains` found). One rule for every probe, never a probe's own guess.
 * - `head`: text that is the start of the whole; `tail`: text that is its end.
 * - `at-least`: a number, size or duration measured on what was read; the whole is at least this.
 * - `unknown`: nothing can be said, not even whether it exists (a field of a body that is not JSON).
 */
export interface PartialObservation {
  part: "head" | "tail" | "at-least" | "unknown";
  /** What cut it, for the message: `the body was cut at max_body (1MiB)`. */
  limit: string;
  /** How to see the whole, when there is a way: `raise max_body in the check's http block`. */
  raise?: string;
}

/** Partial observations by the name they are reported under (`body`, `json.data[0].id`). */
export type PartialObservations = Record<string, PartialObservation>;

/**
 * What an observable holds, declared by the probe so expectations are checked at config load time:
 * `latency < 300` is rejected (hint: "300ms?") because `latency` is a duration.
 */
export type ObservableKind = "duration" | "size" | "number" | "string" | "boolean" | "list" | "any";

export interface ObservableSpec {
  kind: ObservableKind;
  description: string;
  /**
   * `path`: the name takes a dotted/bracket path (`json.data[0].id`, `header.content-type`);
   * `call`: the name takes arguments (`quantile(name, 0.95)`, `tables(ai)`).
   */
  form?: "plain" | "path" | "call";
}

/**
 * An observable named in an expectation, parsed once at config load.
 * `json.items[0].id`       -> { name: "json", path: ["items", 0, "id"], args: [] }
 * `quantile(lat, 0.95)`    -> { name: "quantile", path: [], args: ["lat", 0.95] }
 * `text` is the canonical spelling and the key under which the probe reports the value.
 */
export interface ObservableRef {
  text: string;
  name: string;
  path: (string | number)[];
  args: (string | number)[];
}
