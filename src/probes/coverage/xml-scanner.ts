/**
 * A minimal, non-validating XML scanner for machine-written coverage reports (Cobertura, JaCoCo).
 *
 * Why not a library: the reports need only elements and attributes in document order, and the
 * candidates either pull in several dependencies (fast-xml-parser), build a whole DOM for a report
 * that can be tens of MB (txml), or add one that is unmaintained (saxes). Parsers only see the
 * `XmlHandler` interface, so swapping this file for a library touches nothing else.
 *
 * Safety: the DOCTYPE (JaCoCo writes one) is skipped whole, internal subset included; entities are
 * never defined, fetched or expanded from it. Only the five predefined entities and character
 * references are decoded; any other `&name;` stays as written. Comments, CDATA, processing
 * instructions and text are skipped: nothing the coverage parsers need lives there.
 */
export interface XmlHandler {
  /** A start tag (also for `<x/>`, followed at once by `close`); `parent` is the enclosing element. */
  open(name: string, attributes: Record<string, string>, parent: string | undefined): void;
  close(name: string): void;
}

export class XmlSyntaxError extends Error {}

const NAME = /[^\s/>=<"'&]+/y;
const SPACE = /\s*/y;
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Calls `handler` for each element of `text`; throws `XmlSyntaxError` (with a line number) on malformed XML. */
export function scanXml(text: string, handler: XmlHandler): void {
  const stack: string[] = [];
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let sawRoot = false;
  const fail = (message: string, at: number): never => {
    throw new XmlSyntaxError(`line ${lineAt(text, at)}: ${message}`);
  };
  for (;;) {
    const lt = text.indexOf("<", pos);
    if (lt === -1) break;
    if (text.startsWith("<?", lt)) pos = skipPast(text, lt, "?>", "processing instruction", fail);
    else if (text.startsWith("<!--", lt)) pos = skipPast(text, lt, "-->", "comment", fail);
    else if (text.startsWith("<![CDATA[", lt)) pos = skipPast(text, lt, "]]>", "CDATA section", fail);
    else if (text.startsWith("<!DOCTYPE", lt)) pos = skipDoctype(text, lt, fail);
    else if (text.startsWith("</", lt)) {
      const name = readName(text, lt + 2) ?? fail("end tag without a name", lt);
      const gt = expectAfterSpace(text, lt + 2 + name.length, ">") ?? fail(`</${name} is not closed`, lt);
      const open = stack.pop();
      if (open !== name) fail(open ? `expected </${open}>, found </${name}>` : `unexpected </${name}>`, lt);
      handler.close(name);
      pos = gt + 1;
    } else if (text.startsWith("<!", lt)) {
      fail("unsupported markup declaration", lt);
    } else {
      const tag = readStartTag(text, lt, fail);
      if (stack.length === 0 && sawRoot) fail(`a second root element <${tag.name}>`, lt);
      sawRoot = true;
      handler.open(tag.name, tag.attributes, stack.at(-1));
      if (tag.selfClosing) handler.close(tag.name);
      else stack.push(tag.name);
      pos = tag.end;
    }
  }
  if (stack.length > 0) fail(`<${stack.at(-1)}> is not closed`, text.length);
  if (!sawRoot) fail("no root element", text.length);
}

type Fail = (message: string, at: number) => never;

function readStartTag(text: string, lt: number, fail: Fail) {
  const name = readName(text, lt + 1) ?? fail("a tag without a name", lt);
  const attributes: Record<string, string> = {};
  let pos = lt + 1 + name.length;
  for (;;) {
    SPACE.lastIndex = pos;
    SPACE.test(text);
    pos = SPACE.lastIndex;
    if (text.startsWith("/>", pos)) return { name, attributes, selfClosing: true, end: pos + 2 };
    if (text[pos] === ">") return { name, attributes, selfClosing: false, end: pos + 1 };
    const attribute = readName(text, pos) ?? fail(`<${name}> is not closed`, lt);
    const eq = expectAfterSpace(text, pos + attribute.length, "=") ?? fail(`${attribute} has no value`, pos);
    SPACE.lastIndex = eq + 1;
    SPACE.test(text);
    const open = SPACE.lastIndex;
    const quote = text[open];
    if (quote !== '"' && quote !== "'") fail(`the value of ${attribute} is not quoted`, pos);
    const close = text.indexOf(quote as string, open + 1);
    if (close === -1) fail(`the value of ${attribute} is not closed`, pos);
    attributes[attribute] = decodeEntities(text.slice(open + 1, close));
    pos = close + 1;
  }
}

function readName(text: string, at: number): string | undefined {
  NAME.lastIndex = at;
  return NAME.exec(text)?.[0];
}

/** Index of `char` after optional whitespace from `at`, or undefined when something else is there. */
function expectAfterSpace(text: string, at: number, char: string): number | undefined {
  SPACE.lastIndex = at;
  SPACE.test(text);
  return text[SPACE.lastIndex] === char ? SPACE.lastIndex : undefined;
}

function skipPast(text: string, at: number, terminator: string, what: string, fail: Fail): number {
  const end = text.indexOf(terminator, at);
  return end === -1 ? fail(`${what} is not closed`, at) : end + terminator.length;
}

/** Past the `>` that ends `<!DOCTYPE ...>`, stepping over quoted strings and an internal subset `[...]`. */
function skipDoctype(text: string, at: number, fail: Fail): number {
  let quote: string | undefined;
  let depth = 0;
  for (let pos = at + 9; pos < text.length; pos++) {
    const char = text[pos];
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === "[") depth++;
    else if (char === "]") depth--;
    else if (char === ">" && depth <= 0) return pos + 1;
  }
  return fail("DOCTYPE is not closed", at);
}

/** `&lt;` `&amp;` `&#38;` `&#x26;` decoded; any other reference is left as written, never expanded. */
export function decodeEntities(value: string): string {
  if (!value.includes("&")) return value;
  return value.replace(ENTITY, (whole, ref: string) => {
    if (!ref.startsWith("#")) return PREDEFINED[ref] ?? whole;
    const code = ref[1] === "x" ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function lineAt(text: string, at: number): number {
  let line = 1;
  for (let index = text.indexOf("\n"); index !== -1 && index < at; index = text.indexOf("\n", index + 1))
    line++;
  return line;
}
