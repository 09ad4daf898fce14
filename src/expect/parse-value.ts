import { lookupUnit, suggestUnit, toBaseUnits, UNIT_HELP } from "../core/units.js";
import type { TokenCursor } from "./cursor.js";
import { joinedComparisons, joinerOf } from "./joined-comparisons.js";
import { badFlagIndex, compileRegex, REGEX_FLAGS } from "./regex.js";
import { problemAt, type SyntaxProblem, type Token } from "./token.js";
import type { ExpectedValue } from "./types.js";

const ABSENCE_WORDS = new Set(["null", "nil", "none", "undefined"]);

function unknownUnit(token: Token, written: string): SyntaxProblem {
  const suggestion = suggestUnit(written);
  const hint = suggestion ? `: did you mean "${suggestion}"?` : "";
  return problemAt(token.start, `unknown unit "${written}"${hint} (${UNIT_HELP})`);
}

/** A unit may follow the number directly or after a space: `300ms`, `300 ms`, `90%`. */
function numberValue(cursor: TokenCursor, number: Token & { kind: "number" }): ExpectedValue | SyntaxProblem {
  const literal = number.value;
  const next = cursor.peek();
  const written = next.kind === "ident" || (next.kind === "punct" && next.text === "%") ? next.text : null;
  if (written === null) return { kind: "number", value: literal, literal, unit: null, dimension: "none" };
  const joiner = joinerOf(next);
  if (joiner) return joinedComparisons(next.start, joiner);
  cursor.next();
  const unit = lookupUnit(written);
  if (!unit) return unknownUnit(next, written);
  const value = toBaseUnits(literal, unit);
  if (!Number.isFinite(value)) return problemAt(next.start, `${number.text}${written} is too large`);
  return { kind: "number", value, literal, unit: unit.symbol, dimension: unit.dimension };
}

function regexValue(token: Token & { kind: "regex" }): ExpectedValue | SyntaxProblem {
  const bad = badFlagIndex(token.flags);
  if (bad >= 0) {
    const flag = token.flags[bad] ?? "";
    return problemAt(
      token.flagsStart + bad,
      `unknown or repeated regex flag "${flag}" (flags: ${REGEX_FLAGS})`,
    );
  }
  const compiled = compileRegex(token.source, token.flags);
  if (typeof compiled === "string") return problemAt(token.start, `invalid regex: ${compiled}`);
  return { kind: "regex", source: token.source, flags: token.flags };
}

function wordValue(token: Token & { kind: "ident" }, observable: string): ExpectedValue | SyntaxProblem {
  if (token.text === "true" || token.text === "false")
    return { kind: "boolean", value: token.text === "true" };
  if (ABSENCE_WORDS.has(token.text)) {
    return problemAt(
      token.start,
      `${token.text} is not a value: write "${observable} !exists" to require absence`,
    );
  }
  return problemAt(token.start, `text must be quoted: write "${token.text}"`);
}

/** value := NUMBER [ UNIT | "%" ] | STRING | REGEX | "true" | "false" */
export function parseValue(
  cursor: TokenCursor,
  op: string,
  observable: string,
): ExpectedValue | SyntaxProblem {
  const token = cursor.next();
  switch (token.kind) {
    case "number":
      return numberValue(cursor, token);
    case "string":
      return { kind: "string", value: token.value };
    case "regex":
      return regexValue(token);
    case "ident":
      return wordValue(token, observable);
    case "end":
      return problemAt(token.start, `expected a value after ${op}, e.g. 200, 300ms, "text" or /regex/`);
    default:
      return problemAt(
        token.start,
        `expected a value (a number, "text", /regex/, true or false), found ${cursor.describe(token)}`,
      );
  }
}
