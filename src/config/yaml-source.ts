import { type Document, isMap, isPair, isScalar, LineCounter, parseDocument, type YAMLError } from "yaml";
import { GonogoError } from "../core/errors.js";
import { aliasProblem, isStackOverflow, MAX_YAML_DEPTH, tooDeepAt } from "./yaml-limits.js";

export type YamlPath = (string | number)[];

/** A parsed gonogo.yml that can say where any value or key came from, as `file:line:col`. */
export interface YamlSource {
  file: string;
  data: unknown;
  locate(path: YamlPath, key?: string): string;
}

const tooDeep = `nested more than ${MAX_YAML_DEPTH} levels deep: a gonogo.yml never needs that, so it is not read`;

/** A parsed document apart from the file it was read from: what `parseYamlSource` builds a source of. */
export interface ParsedYaml {
  doc: Document;
  lineCounter: LineCounter;
  data: unknown;
}

export function parseYamlSource(file: string, text: string): YamlSource {
  return yamlSourceOf(file, parseYaml(file, text));
}

/** Parses `text`; a syntax error, an alias bomb or a too-deep document throws naming `file`. */
export function parseYaml(file: string, text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const place = (e: YAMLError) => `${file}:${e.linePos?.[0]?.line ?? 1}:${e.linePos?.[0]?.col ?? 1}`;
  // The parser's own recursion gave out: that is the depth, whatever else it reported after.
  const overflow = doc.errors.find((e) => isStackOverflow(e.message));
  if (overflow) throw new GonogoError("config", `${place(overflow)}: ${tooDeep}`);
  if (doc.errors.length > 0) {
    const details = doc.errors.map((e) => {
      const message = (e.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:$/, "");
      return `${place(e)}: ${message}`;
    });
    throw new GonogoError("config", `${file}: not valid YAML`, details);
  }
  const deep = tooDeepAt(doc);
  if (deep !== null) throw new GonogoError("config", `${at(file, lineCounter, deep)}: ${tooDeep}`);
  return { doc, lineCounter, data: toData(doc, file) };
}

/** The source of `file` whose text parsed to `parsed`: places are named in `file`. */
export function yamlSourceOf(file: string, parsed: ParsedYaml): YamlSource {
  const { doc, lineCounter, data } = parsed;
  return { file, data, locate: (path, key) => at(file, lineCounter, offsetOf(doc, path, key)) };
}

function at(file: string, lineCounter: LineCounter, offset: number): string {
  const pos = lineCounter.linePos(offset);
  return `${file}:${pos.line}:${pos.col}`;
}

/** The document as plain data; an alias bomb or a dangling alias is a config error, not a crash. */
function toData(doc: Document, file: string): unknown {
  try {
    return doc.toJS();
  } catch (error) {
    const problem = aliasProblem(error);
    if (problem === null) throw error;
    throw new GonogoError("config", `${file}: ${problem}`);
  }
}

/** Offset of the node at `path` (or of `key` inside it), falling back to the nearest ancestor. */
function offsetOf(doc: Document, path: YamlPath, key?: string): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (key !== undefined && depth === path.length && isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
      const keyNode = pair && isScalar(pair.key) ? pair.key : undefined;
      if (keyNode?.range) return keyNode.range[0];
    }
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (range) return range[0];
  }
  return 0;
}
