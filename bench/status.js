/**
 * How fast gonogo reads a large checklist, for every document shape in bench/checklist-shapes.js.
 * Prints, for 20,000 items of each shape, the whole process `gonogo status --json` (median wall
 * time and median CPU time, user + system, of several runs) against the budget of 1 s; then, for
 * the original mixed shape, our parser alone against the peer remark-parse + remark-gfm.
 * Run: npm run bench   (or: node bench/status.js [items] [shape ...])
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { decodeChecklistSource, parseChecklist } from "../dist/checklist/index.js";
import { SHAPES } from "./checklist-shapes.js";

const [itemsArg, ...shapeArgs] = process.argv.slice(2);
const items = Number(itemsArg ?? 20_000);
const shapes = shapeArgs.length > 0 ? shapeArgs : Object.keys(SHAPES);
const RUNS = 5;
const BUDGET_MS = 1000;
const dir = mkdtempSync(join(tmpdir(), "gonogo-bench-"));
const bin = fileURLToPath(new URL("../bin/gonogo.js", import.meta.url));
const cpuReporter = fileURLToPath(new URL("./report-cpu.js", import.meta.url));

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

/** One `gonogo status --json` process: wall ms and the CPU ms it reports for itself at exit. */
function statusProcess(file) {
  const start = performance.now();
  const child = spawnSync(process.execPath, ["--import", cpuReporter, bin, "status", "--json", file], {
    maxBuffer: 1 << 30,
  });
  if (child.status !== 0) throw new Error(`gonogo status exited ${child.status}: ${child.stderr}`);
  const wall = performance.now() - start;
  const cpu = Number(/bench-cpu-ms ([\d.]+)/.exec(child.stderr.toString())?.[1]);
  return { wall, cpu };
}

function writeShape(shape) {
  const make = SHAPES[shape];
  if (!make) throw new Error(`no shape "${shape}"; shapes: ${Object.keys(SHAPES).join(", ")}`);
  const bytes = new TextEncoder().encode(make(items));
  const file = join(dir, `${shape}.md`);
  writeFileSync(file, bytes);
  return { file, bytes };
}

console.log(
  `gonogo status --json, whole process, ${items} items, median of ${RUNS}, node ${process.version}`,
);
console.log("shape        items    KiB   wall ms    CPU ms (user+sys)");
for (const shape of shapes) {
  const { file, bytes } = writeShape(shape);
  const found = parseChecklist(decodeChecklistSource(file, bytes)).items.length;
  statusProcess(file); // warm the file cache
  const runs = Array.from({ length: RUNS }, () => statusProcess(file));
  const wall = median(runs.map((r) => r.wall));
  const cpu = median(runs.map((r) => r.cpu));
  const kib = (bytes.length / 1024).toFixed(0);
  console.log(
    `${shape.padEnd(10)} ${String(found).padStart(7)} ${kib.padStart(6)} ${wall.toFixed(0).padStart(9)} ${cpu.toFixed(0).padStart(9)}${cpu >= BUDGET_MS ? "   over the 1000 ms budget" : ""}`,
  );
}

if (shapes.includes("mixed")) {
  const { file, bytes } = writeShape("mixed");
  const text = new TextDecoder().decode(bytes);
  const ours = time(7, () => parseChecklist(decodeChecklistSource(file, bytes)));
  const remark = unified().use(remarkParse).use(remarkGfm);
  const peer = time(3, () => remark.parse(text));
  console.log(`\nmixed shape, in process, warm: parse, gonogo (markdown-it + model): ${ours.toFixed(0)} ms`);
  console.log(
    `  peer, remark-parse + remark-gfm (tree only): ${peer.toFixed(0)} ms (${(peer / ours).toFixed(1)}x ours)`,
  );
}
