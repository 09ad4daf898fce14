import type { Token } from "./token.js";

/** Walks a token list that always ends with an `end` token; reading past it keeps returning `end`. */
export class TokenCursor {
  private index = 0;

  constructor(
    readonly source: string,
    private readonly tokens: Token[],
  ) {}

  peek(): Token {
    return this.tokens[Math.min(this.index, this.tokens.length - 1)] ?? this.endToken();
  }

  next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index += 1;
    return token;
  }

  /** How a token reads in a message: `"mss"`, `"=="`, or `the end`. */
  describe(token: Token): string {
    if (token.kind === "end") return "the end";
    const written = this.source.slice(token.start, token.end);
    const text = written.length > 30 ? `${written.slice(0, 29)}…` : written;
    // Strings and regexes carry their own delimiters; wrapping them again would read as `""ok""`.
    return token.kind === "string" || token.kind === "regex" ? text : `"${text}"`;
  }

  private endToken(): Token {
    return { kind: "end", start: this.source.length, end: this.source.length };
  }
}
