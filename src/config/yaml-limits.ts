import { type Document, isCollection, isPair, type Node } from "yaml";

/**
 * How deep a gonogo.yml may nest. The deepest real config is about 6 levels (checks, a check, a
 * probe block, headers); past a few hundred the YAML parser and every walk over the data run out
 * of stack, so a document deeper than this is refused before anything walks it.
 */
export const MAX_YAML_DEPTH = 64;

/** The offset of the first collection nested deeper than `limit`, or null: an iterative walk, so depth cannot overflow it. */
export function tooDeepAt(doc: Document, limit = MAX_YAML_DEPTH): number | null {
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (isPair(node)) {
      stack.push({ node: node.key, depth }, { node: node.value, depth });
    } else if (isCollection(node)) {
      if (depth + 1 > limit) return (node as Node).range?.[0] ?? 0;
      for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
    }
  }
  return null;
}

/** What the yaml library throws when it stops alias expansion ("billion laughs") or meets an alias it cannot resolve. */
export function aliasProblem(error: unknown): string | null {
  if (!(error instanceof ReferenceError)) return null;
  if (/alias count/i.test(error.message))
    return "too many aliases: their expansion would grow without bound (a YAML alias bomb); write the values out";
  if (/alias/i.test(error.message)) return error.message;
  return null;
}

/** The parser's own recursion gives out on deep nesting before our limit can look: say what happened. */
export function isStackOverflow(message: string): boolean {
  return /maximum call stack size exceeded/i.test(message);
}
