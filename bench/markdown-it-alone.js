/**
 * The peer of `bench/status.js`, as a whole process: markdown-it alone (the parser gonogo reads
 * with, CommonMark + GFM tables and strikethrough, HTML on) reading the same file, printing only its
 * token count. What gonogo adds over this is the model, scores, lint and the report; and since it
 * runs in the same minutes, the ratio holds when the host's speed drifts.
 * Run: node bench/markdown-it-alone.js <file.md>
 */
import { readFileSync } from "node:fs";
import markdownIt from "markdown-it";

const [file] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write("usage: node bench/markdown-it-alone.js <file.md>\n");
  process.exit(2);
}
const md = markdownIt("default", { html: true, linkify: false, typographer: false });
const tokens = md.parse(readFileSync(file, "utf8"), {});
process.stdout.write(`${tokens.length}\n`);
