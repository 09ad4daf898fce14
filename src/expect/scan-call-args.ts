import { problemAt, type RawArg, type SyntaxProblem, type Token } from "./token.js";

const CLOSER: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

/** Offset just past a quoted run starting at `start`, or -1 when it never closes. */
function skipQuoted(source: string, start: number): number {
  const quote = source[start];
  let i = start + 1;
  while (i < source.length && source[i] !== quote) i += source[i] === "\\" ? 2 : 1;
  return i < source.length ? i + 1 : -1;
}

function rawArg(source: string, from: number, to: number): RawArg | SyntaxProblem {
  const text = source.slice(from, to);
  const trimmed = text.trim();
  if (trimmed === "")
    return problemAt(from, "empty argument: write a value between the commas and parentheses");
  return { text: trimmed, start: from + (text.length - text.trimStart().length) };
}

/**
 * Scans `(arg, arg)` starting at the opening parenthesis. Arguments are raw text split at top-level
 * commas; quotes and (), [], {} nest, so `value(x{route="/a,b"})` has the one argument `x{route="/a,b"}`.
 */
export function scanCallArgs(source: string, start: number): Token | SyntaxProblem {
  const args: RawArg[] = [];
  const open: string[] = [];
  let argStart = start + 1;
  let i = start + 1;
  while (i < source.length) {
    const char = source[i] ?? "";
    if (char === '"' || char === "'") {
      const after = skipQuoted(source, i);
      if (after < 0) return problemAt(i, `unclosed string: add a closing ${char}`);
      i = after;
      continue;
    }
    const closer = CLOSER[char];
    if (closer) open.push(closer);
    else if (open.length > 0 && char === open.at(-1)) open.pop();
    else if (char === ")" || char === "]" || char === "}") {
      if (open.length > 0 || char !== ")") return problemAt(i, `unexpected "${char}" in call arguments`);
      if (args.length === 0 && source.slice(start + 1, i).trim() === "") {
        return problemAt(start, "empty parentheses: write the name alone, or name(arg)");
      }
      const last = rawArg(source, argStart, i);
      if ("problem" in last) return last;
      args.push(last);
      return { kind: "args", args, start, end: i + 1 };
    } else if (char === "," && open.length === 0) {
      const arg = rawArg(source, argStart, i);
      if ("problem" in arg) return arg;
      args.push(arg);
      argStart = i + 1;
    }
    i += 1;
  }
  return problemAt(start, 'unclosed "(": add a closing )');
}
