import { existsSync, readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { parseBytes } from "../../test/support/checklist-bytes.js";
import { markdownDocument } from "../../test/support/markdown-gen.js";

/**
 * Differential test: the items we find (line and tick) must be exactly the task-list items that
 * remark-gfm, the reference GFM implementation, finds in the same text.
 */
const remark = unified().use(remarkParse).use(remarkGfm);

interface Node {
  type: string;
  checked?: boolean | null;
  position?: { start: { line: number } };
  children?: Node[];
}

function remarkTasks(text: string): string[] {
  const found: string[] = [];
  const walk = (node: Node) => {
    if (node.type === "listItem" && typeof node.checked === "boolean") {
      found.push(`${node.position?.start.line}:${node.checked}`);
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(remark.parse(text) as Node);
  return found;
}

// Table rows read as items (`form: "table"`) are no GFM construct: remark is compared on task items.
function ourTasks(bytes: Uint8Array): string[] {
  return parseBytes(bytes)
    .items.filter((i) => i.form === "task")
    .map((i) => `${i.line}:${i.checked}`);
}

describe("GFM task-list conformance (against remark-gfm)", () => {
  it("agrees on the project's fixtures", () => {
    const dir = new URL("../../test/fixtures/checklists/", import.meta.url);
    for (const name of readdirSync(dir)) {
      const bytes = new Uint8Array(readFileSync(new URL(name, dir)));
      expect(ourTasks(bytes), name).toEqual(remarkTasks(new TextDecoder().decode(bytes)));
    }
  });

  it("agrees on generated documents (markers, depth, quotes, fences, CRLF, BOM)", () => {
    fc.assert(
      fc.property(markdownDocument, (doc) => {
        const bytes = new TextEncoder().encode(doc);
        // remark strips the BOM itself; both count lines from the first line after it.
        expect(ourTasks(bytes)).toEqual(remarkTasks(doc));
      }),
      { numRuns: 400 },
    );
  });

  const shared = new URL("../../../shared/checklists/", import.meta.url);
  it.skipIf(!existsSync(shared))("agrees on the five real checklists in ../shared/checklists", () => {
    const expected: Record<string, [number, number]> = {
      "000_16c580319c12e40e.txt": [78, 0],
      "001_5c164192b9f058e0.txt": [59, 10],
      "002_52aa6ce89b4f17b7.txt": [259, 78],
      "003_3644a406c9ed97d1.txt": [26, 3],
      "004_89c1233efba101cb.txt": [170, 10],
    };
    for (const [name, [items, ticked]] of Object.entries(expected)) {
      const bytes = new Uint8Array(readFileSync(new URL(name, shared)));
      const { items: ours, tables } = parseBytes(bytes);
      // Their tables (contacts, change history) are data: every item is a task item.
      expect(
        tables.every((t) => t.readAs === "data"),
        name,
      ).toBe(true);
      expect([ours.length, ours.filter((i) => i.checked).length], name).toEqual([items, ticked]);
      expect(ourTasks(bytes), name).toEqual(remarkTasks(new TextDecoder().decode(bytes)));
    }
  });
});
