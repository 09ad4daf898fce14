import { type Document, isMap, isPair, isScalar, LineCounter, parseDocument } from "yaml";
import { GonogoError } from "../errors.js";

export type YamlPath = (string | number)[];

/** A parsed gonogo.yml that can say where any value or key came from, as `file:line:col`. */
export interface YamlSource {
  file: string;
  data: unknown;
  locate(path: YamlPath, key?: string): string;
}

export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const details = doc.errors.map((e) => {
      const at = e.linePos?.[0];
      const message = (e.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:$/, "");
      return `${file}:${at?.line ?? 1}:${at?.col ?? 1}: ${message}`;
    });
    throw new GonogoError("config", `${file}: not valid YAML`, details);
  }
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return `${file}:${pos.line}:${pos.col}`;
  };
  return {
    file,
    data: doc.toJS(),
    locate: (path, key) => at(offsetOf(doc, path, key)),
  };
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
