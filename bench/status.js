/**
 * How fast gonogo reads a large checklist, for every document shape in bench/checklist-shapes.js.
 * Prints, for 20,000 items of each shape, the whole process `gonogo status --json` (median wall
 * time and median CPU time, user + system, of several runs) against the budget of 1 s, beside the
 * same for markdown-it alone reading the file as a process (bench/markdown-it-alone.js), run in turn:
 * this machine's speed drifts by a third within an hour, and the ratio of the two drifts less; then,
 * for the original mixed shape, our parser alone against the peer remark-parse + remark-gfm.
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
const unknown = shapes.filter((shape) => !Object.hasOwn(SHAPES, shape));
if (unknown.length > 0 || !(items > 0)) {
  process.stderr.write(
    `usage: node bench/status.js [items > 0] [shape ...]; shapes: ${Object.keys(SHAPES).join(", ")}${unknown.length > 0 ? ` (no shape ${unknown.join(", ")})` : ""}\n`,
  );
  process.exit(2);
}
const RUNS = 5;
const BUDGET_MS = 1000;
const dir = mkdtempSync(join(tmpdir(), "gonogo-bench-"));
const bin = fileURLToPath(new URL("../bin/gonogo.js", import.meta.url));
const cpuReporter = fileURLToPath(new URL("./report-cpu.js", import.meta.url));
const markdownItAlone = fileURLToPath(new URL("./markdown-it-alone.js", import.meta.url));

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

/** One process of `args`: wall ms and the CPU ms it reports for itself at exit. */
function measuredProcess(args) {
  const start = performance.now();
  const child = spawnSync(process.execPath, ["--import", cpuReporter, ...args], { maxBuffer: 1 << 30 });
  if (child.status !== 0) throw new Error(`${args.join(" ")} exited ${child.status}: ${child.stderr}`);
  const wall = performance.now() - start;
  const cpu = Number(/bench-cpu-ms ([\d.]+)/.exec(child.stderr.toString())?.[1]);
  return { wall, cpu };
}

/**
 * The budget is the whole process's wall time (what a person waits for); CPU time (every thread:
 * the collector's and compiler's beside the main one) is said apart, since on a shared machine it
 * is the figure other processes do not stretch.
 */
function overBudget({ wall, cpu }) {
  const over = [wall >= BUDGET_MS && "wall time", cpu >= BUDGET_MS && "CPU time"].filter(Boolean);
  return over.length === 0 ? "" : `   over the ${BUDGET_MS} ms budget: ${over.join(", ")}`;
}

/** `gonogo status --json` and the peer process, alternating: medians of wall and CPU ms for each. */
function measureShape(file) {
  const ours = [bin, "status", "--json", file];
  const peer = [markdownItAlone, file];
  measuredProcess(ours); // warm the file cache
  const oursRuns = [];
  const peerRuns = [];
  for (let i = 0; i < RUNS; i++) {
    oursRuns.push(measuredProcess(ours));
    peerRuns.push(measuredProcess(peer));
  }
  const medians = (runs) => ({ wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) });
  return { ours: medians(oursRuns), peer: medians(peerRuns) };
}

function writeShape(shape) {
  const bytes = new TextEncoder().encode(SHAPES[shape](items));
  const file = join(dir, `${shape}.md`);
  writeFileSync(file, bytes);
  return { file, bytes };
}

console.log(
  `gonogo status --json, whole process, ${items} items, median of ${RUNS}, node ${process.version}`,
);
console.log(
  "peer: markdown-it alone reading the same file, as a process (bench/markdown-it-alone.js), run in turn",
);
console.log(
  "shape        items    KiB   wall ms    CPU ms (user+sys)   peer wall / CPU ms   ours / peer (CPU)",
);
for (const shape of shapes) {
  const { file, bytes } = writeShape(shape);
  const found = parseChecklist(decodeChecklistSource(file, bytes)).items.length;
  const { ours, peer } = measureShape(file);
  const kib = (bytes.length / 1024).toFixed(0);
  const peerFigures = `${peer.wall.toFixed(0)} / ${peer.cpu.toFixed(0)}`;
  console.log(
    `${shape.padEnd(10)} ${String(found).padStart(7)} ${kib.padStart(6)} ${ours.wall.toFixed(0).padStart(9)} ${ours.cpu.toFixed(0).padStart(9)} ${peerFigures.padStart(20)} ${(ours.cpu / peer.cpu).toFixed(2).padStart(19)}x${overBudget(ours)}`,
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
