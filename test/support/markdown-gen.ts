import fc from "fast-check";

/**
 * Arbitrary checklist-like Markdown: task items in every marker style and depth, block quotes,
 * fences, HTML comments, headings, tables, sign-off lines, blank lines and mojibake; joined with
 * LF, CRLF or a mix, optionally behind a UTF-8 BOM.
 */
const word = fc.constantFrom(
  "deploy",
  "p95 <300ms",
  "`/healthz`",
  "**bold**",
  "✅",
  "âœ…",
  "café",
  "[link](x)",
  "x",
  "—",
);
const text = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(" "));
// Left out: a tab between the brackets. remark-gfm reads "- [\t] a" as a task but "-\t[\t] a" not,
// by tab-stop arithmetic; we accept both. No real checklist writes a tab there.
const tick = fc.constantFrom("[ ]", "[x]", "[X]", "[]", "[ x]", "[  ]");
// Ordered markers start at 1: micromark (remark) reads "    code\n\n10. [ ] x" as a paragraph where
// CommonMark, cmark-gfm and markdown-it read a list; parse-checklist.test.ts pins our reading.
const marker = fc.constantFrom("-", "*", "+", "1.", "1)");
const indent = fc.constantFrom("", "  ", "    ", "\t", "   ");

const taskLine = fc
  .tuple(indent, marker, fc.constantFrom(" ", "\t", "  "), tick, fc.constantFrom(" ", "\t", ""), text)
  .map(([i, m, gap, t, after, body]) => `${i}${m}${gap}${t}${after}${body}`);
const otherLine = fc.oneof(
  text,
  fc.tuple(fc.constantFrom("#", "##", "###"), text).map(([h, t]) => `${h} ${t}`),
  fc.constant("```"),
  fc.constant("<!--"),
  fc.constant("-->"),
  fc.constant("---"),
  fc.constant(""),
  // In a block quote only markers that may interrupt a paragraph: micromark (remark) also applies
  // "an ordered list starting at 2 cannot interrupt a paragraph" to "para\n> 2) [ ] x", where the
  // block quote has already interrupted it; CommonMark and markdown-it read a list there.
  fc
    .tuple(fc.constantFrom("> ", ">", "> > "), fc.constantFrom("-", "*", "1."), tick, text)
    .map(([q, m, t, body]) => `${q}${m} ${t} ${body}`),
  fc.constant("| Role | Name |"),
  fc.constant("|---|---|"),
  fc.constant("**Sign-off:** ____ Date: ____"),
  fc.constant("Title\n====="),
);
const line = fc.oneof({ weight: 3, arbitrary: taskLine }, { weight: 2, arbitrary: otherLine });

export const markdownDocument = fc
  .tuple(
    fc.array(line, { maxLength: 30 }),
    fc.constantFrom("\n", "\r\n", "mixed"),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([lines, eol, bom, finalNewline]) => {
    const body = lines
      .map(
        (l, i) =>
          l +
          (i === lines.length - 1 && !finalNewline ? "" : eol === "mixed" ? (i % 2 ? "\r\n" : "\n") : eol),
      )
      .join("");
    return (bom ? "\uFEFF" : "") + body;
  });
