import type { ObservableRef } from "../core/observation.js";
import { canonicalObservable } from "./canonical.js";
import type { TokenCursor } from "./cursor.js";
import { problemAt, type RawArg, type SyntaxProblem, type Token } from "./token.js";

const NUMERIC_ARG = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** `0.95` becomes a number; anything else (`lat`, `x{route="/a"}`, `session:*`) stays raw text. */
function callArg(arg: RawArg): string | number {
  if (!NUMERIC_ARG.test(arg.text)) return arg.text;
  const value = Number(arg.text);
  if (!Number.isFinite(value)) return arg.text;
  return value === 0 ? 0 : value;
}

function arrayIndex(token: Token): number | undefined {
  if (token.kind !== "number" || !/^\d+$/.test(token.text)) return undefined;
  return Number.isSafeInteger(token.value) ? token.value : undefined;
}

function afterDot(cursor: TokenCursor): string | number | SyntaxProblem {
  const token = cursor.next();
  if (token.kind === "ident") return token.text;
  const index = arrayIndex(token);
  if (index !== undefined) return index;
  if (token.kind === "number") return problemAt(token.start, "write indexes in brackets, e.g. [0][1]");
  return problemAt(token.start, `expected a field name after ".", found ${cursor.describe(token)}`);
}

function inBrackets(cursor: TokenCursor): string | number | SyntaxProblem {
  const token = cursor.next();
  const index = arrayIndex(token);
  const segment = index ?? (token.kind === "string" ? token.value : undefined);
  if (segment === undefined) {
    const found = cursor.describe(token);
    return problemAt(
      token.start,
      `expected an index or a quoted key in [ ], e.g. [0] or ["key"], found ${found}`,
    );
  }
  const close = cursor.next();
  if (close.kind === "punct" && close.text === "]") return segment;
  return problemAt(close.start, `expected "]", found ${cursor.describe(close)}`);
}

function pathSegment(cursor: TokenCursor): string | number | SyntaxProblem | undefined {
  const token = cursor.peek();
  if (token.kind !== "punct" || (token.text !== "." && token.text !== "[")) return undefined;
  cursor.next();
  return token.text === "." ? afterDot(cursor) : inBrackets(cursor);
}

/**
 * observable := IDENT [ "(" arg { "," arg } ")" ] { "." (IDENT | INDEX) | "[" (INDEX | STRING) "]" }
 */
export function parseObservable(cursor: TokenCursor): ObservableRef | SyntaxProblem {
  const head = cursor.next();
  if (head.kind === "end") {
    return problemAt(head.start, "empty expectation: write <observable> <op> <value>, e.g. status == 200");
  }
  if (head.kind !== "ident") {
    const found = cursor.describe(head);
    return problemAt(head.start, `expected an observable such as status, json.id or p95, found ${found}`);
  }
  const call = cursor.peek();
  let args: (string | number)[] = [];
  if (call.kind === "args") {
    cursor.next();
    args = call.args.map(callArg);
  }
  const path: (string | number)[] = [];
  for (let segment = pathSegment(cursor); segment !== undefined; segment = pathSegment(cursor)) {
    if (typeof segment === "object") return segment;
    path.push(segment);
  }
  const parts = { name: head.text, path, args };
  return { text: canonicalObservable(parts), ...parts };
}
