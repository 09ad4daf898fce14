import { problemAt, type SyntaxProblem, type Token } from "./token.js";

/** Words people use to join two comparisons in one string; the language has no such thing. */
const JOINERS = new Set(["and", "or", "&&", "||"]);

/** The joiner a token is (`and`, `OR`, `&&`), or undefined. */
export function joinerOf(token: Token): string | undefined {
  const text = token.kind === "ident" || token.kind === "op" ? token.text : undefined;
  return text !== undefined && JOINERS.has(text.toLowerCase()) ? text : undefined;
}

/**
 * `exit_code == 0 and true`: an expectation is one comparison, and a check's list of them is
 * already their conjunction, so say that rather than reading `and` as a unit or stray text.
 */
export function joinedComparisons(offset: number, joiner: string): SyntaxProblem {
  return problemAt(
    offset,
    `"${joiner}" cannot join comparisons: an expectation is one comparison (<observable> <op> <value>); ` +
      "write several as separate list entries, all of which must hold",
  );
}
