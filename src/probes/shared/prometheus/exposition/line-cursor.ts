/** Thrown inside the line parsers; parseExposition adds the line number. */
export class LineError extends Error {
  override name = "LineError";
}

/** Reads one line left to right with sticky regexes; every failure names what it found. */
export class LineCursor {
  pos = 0;

  constructor(readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): string | undefined {
    return this.text[this.pos];
  }

  /** The match of `pattern` (which must have the `y` flag) at the cursor, consumed; else undefined. */
  take(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.pos;
    const match = pattern.exec(this.text);
    if (match === null) return undefined;
    this.pos += match[0].length;
    return match[0];
  }

  /** Consumes `char` or fails with "expected <what>". */
  expect(char: string, what: string): void {
    if (this.text[this.pos] === char) this.pos += 1;
    else this.fail(`expected ${what}, found ${this.describe()}`);
  }

  rest(): string {
    return this.text.slice(this.pos);
  }

  /** What is at the cursor, quoted and cut short: `"<html>"`, `end of line`. */
  describe(): string {
    if (this.atEnd()) return "end of line";
    const rest = this.rest();
    const shown = rest.length > 40 ? `${rest.slice(0, 40)}…` : rest;
    return JSON.stringify(shown);
  }

  fail(message: string): never {
    throw new LineError(message);
  }
}
