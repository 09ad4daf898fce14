import type { ObservableKind, ObservableSpec } from "../core/observation.js";
import { canonicalValue } from "./canonical.js";
import { isOrderingOp } from "./op.js";
import type { ComparisonExpectation, Expectation } from "./types.js";

const UNIT_HINT = { duration: "ms", size: "MB" } as const;

function isTextOp(exp: ComparisonExpectation): boolean {
  return exp.op === "contains" || exp.op === "!contains" || exp.op === "matches" || exp.op === "!matches";
}

function quantityProblem(kind: "duration" | "size", exp: ComparisonExpectation, name: string): string | null {
  const value = exp.expected;
  if (isTextOp(exp)) return `${exp.op} needs text or a list, but ${name} is a ${kind}`;
  const example = `${value.kind === "number" ? value.literal : kind === "duration" ? 300 : 10}${UNIT_HINT[kind]}`;
  if (value.kind !== "number") {
    return `${name} is a ${kind}: compare it with a number and a unit, e.g. ${name} ${exp.op} ${example}`;
  }
  if (value.dimension === "none") {
    const what = value.unit === "%" ? `, not a percentage` : "";
    return `${name} is a ${kind}${what}: write a unit, e.g. "${example}"?`;
  }
  if (value.dimension !== kind)
    return `${name} is a ${kind}, but ${canonicalValue(value)} is a ${value.dimension}`;
  return null;
}

function numberProblem(exp: ComparisonExpectation, name: string): string | null {
  const value = exp.expected;
  if (isTextOp(exp)) return `${exp.op} needs text or a list, but ${name} is a number`;
  if (value.kind !== "number")
    return `${name} is a number: compare it with a number, not ${canonicalValue(value)}`;
  if (value.dimension !== "none") {
    return `${name} is a plain number with no unit: write ${value.literal}, not ${canonicalValue(value)}`;
  }
  return null;
}

function stringProblem(exp: ComparisonExpectation, name: string): string | null {
  const value = exp.expected;
  if (isOrderingOp(exp.op))
    return `${name} is text: ${exp.op} needs a number; use ==, !=, contains or matches`;
  if (value.kind === "boolean")
    return `${name} is text: compare it with quoted text, e.g. ${name} == "${value.value}"`;
  if (value.kind === "number" && value.dimension !== "none") {
    return `${name} is text: a number in it has no unit, write ${value.literal}, not ${canonicalValue(value)}`;
  }
  return null;
}

function booleanProblem(exp: ComparisonExpectation, name: string): string | null {
  const fine = (exp.op === "==" || exp.op === "!=") && exp.expected.kind === "boolean";
  return fine ? null : `${name} is true or false: write ${name} == true or ${name} == false`;
}

function listProblem(exp: ComparisonExpectation, name: string): string | null {
  const value = exp.expected;
  if (value.kind === "number" && value.dimension !== "none") {
    return `${name} is a list: compare its length with a plain number, not ${canonicalValue(value)}`;
  }
  if (value.kind === "string" && (exp.op === "==" || exp.op === "!=")) {
    const op = exp.op === "==" ? "contains" : "!contains";
    return `${name} is a list: use ${name} ${op} ${canonicalValue(value)} to test membership`;
  }
  if (value.kind === "boolean")
    return `${name} is a list: compare its length with a number, or use contains "x"`;
  return null;
}

/** Why an expectation cannot hold for a value of this kind, or null when it makes sense. */
export function kindProblem(kind: ObservableKind, exp: ComparisonExpectation): string | null {
  const name = exp.observable.text;
  switch (kind) {
    case "duration":
    case "size":
      return quantityProblem(kind, exp, name);
    case "number":
      return numberProblem(exp, name);
    case "string":
      return stringProblem(exp, name);
    case "boolean":
      return booleanProblem(exp, name);
    case "list":
      return listProblem(exp, name);
    case "any":
      return null;
  }
}

/**
 * Load-time check of an expectation against what the probe declares, so `latency < 300` is a
 * config error ("write a unit, e.g. "300ms"?") before anything runs. Returns null when it makes
 * sense; an unknown observable or kind `any` is left to run time.
 */
export function checkExpectation(exp: Expectation, spec: ObservableSpec | undefined): string | null {
  if (!spec || exp.expected === null) return null;
  return kindProblem(spec.kind, exp);
}
