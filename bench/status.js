/**
 * How fast gonogo reads a large checklist. Prints, for a 20,000-item checklist:
 *  - our parser alone (markdown-it + the checklist model), median of several in-process runs;
 *  - the peer, remark-parse + remark-gfm, parsing the same text (tree only, no model);
 *  - the whole process `gonogo status --json`, wall time, median of several runs.
 * Run: npm run bench   (or: node bench/status.js [items])
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { decodeChecklistSource, parseChecklist } from "../dist/checklist/index.js";
import { makeChecklist } from "./make-checklist.js";

const items = Number(process.argv[2] ?? 20_000);
const text = makeChecklist(items);
const bytes = new TextEncoder().encode(text);
const file = join(mkdtempSync(join(tmpdir(), "gonogo-bench-")), "large.md");
writeFileSync(file, bytes);

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(runs, fn) {
  fn(); // warm-up: JIT and module caches, as a second run of the CLI would not have them but the parser does
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const ours = time(7, () => parseChecklist(decodeChecklistSource(file, bytes)));
const found = parseChecklist(decodeChecklistSource(file, bytes)).items.length;
const remark = unified().use(remarkParse).use(remarkGfm);
const peer = time(3, () => remark.parse(text));
const bin = fileURLToPath(new URL("../bin/gonogo.js", import.meta.url));
const whole = time(5, () =>
  execFileSync(process.execPath, [bin, "status", "--json", file], { maxBuffer: 1 << 30 }),
);

const kb = (bytes.length / 1024).toFixed(0);
console.log(`checklist: ${items} items (${found} found), ${kb} KiB, node ${process.version}`);
console.log(`parse, gonogo (markdown-it + model):   ${ours.toFixed(0).padStart(6)} ms`);
console.log(
  `parse, peer (remark-parse + remark-gfm): ${peer.toFixed(0).padStart(4)} ms   (${(peer / ours).toFixed(1)}x ours)`,
);
console.log(`gonogo status --json, whole process:  ${whole.toFixed(0).padStart(6)} ms   (budget 1000 ms)`);
