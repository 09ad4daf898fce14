/**
 * How well gonogo reads checklists kept as tables it was not written for. bench/table-heldout/
 * <name>.json holds, per public document, where to get it and a careful reader's judgement made
 * before gonogo was run on it: which tables are checklists and which are data, and per table row
 * item its line, the sha256 of its name, whether it is ticked, and its level tags. The documents
 * are not in the repository: download them into one folder as <name>.md (each JSON names its
 * source and raw URL), then, after `npm run build`:
 *
 *   node bench/table-reading.js <folder> [--verbose]
 *
 * It runs `gonogo status --json` on each document and prints, per document and overall: table
 * items expected and read (same line), names read right, ticks right, tags right, and tables
 * wrongly read as data (a checklist gonogo skipped) or wrongly read as items (data it counted).
 * Exit code 1 when a document is missing.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const [folder, flag] = process.argv.slice(2);
if (!folder) {
  console.error("usage: node bench/table-reading.js <folder with the downloaded documents> [--verbose]");
  process.exit(2);
}
const verbose = flag === "--verbose";
const judgements = fileURLToPath(new URL("./table-heldout/", import.meta.url));
const cli = fileURLToPath(new URL("../bin/gonogo.js", import.meta.url));
const sha256 = (text) => createHash("sha256").update(text).digest("hex");
const sameTags = (a, b) =>
  a.length === b.length && a.every((t) => b.some((u) => u.toLowerCase() === t.toLowerCase()));

const COLUMNS = [
  ["document", 24],
  ["items exp/read", 16],
  ["names", 9],
  ["ticked exp/read", 17],
  ["ticks", 9],
  ["tags", 9],
  ["tables", 8],
  ["as data", 8],
  ["as items", 9],
];
const line = (cells) =>
  cells
    .map((c, i) => String(c).padEnd(COLUMNS[i]?.[1] ?? 8))
    .join("")
    .trimEnd();

const total = { expected: 0, read: 0, matched: 0, names: 0, ticked: 0, readTicked: 0, ticks: 0, tags: 0 };
const tablesTotal = { count: 0, right: 0, wronglyData: 0, wronglyItems: 0 };
let missing = 0;
console.log(line(COLUMNS.map(([name]) => name)));
for (const file of readdirSync(judgements)
  .filter((f) => f.endsWith(".json"))
  .sort()) {
  const judgement = JSON.parse(readFileSync(join(judgements, file), "utf8"));
  const path = join(folder, judgement.document);
  if (!existsSync(path)) {
    console.log(`${judgement.document}: missing (download ${judgement.source.url})`);
    missing += 1;
    continue;
  }
  const notes = [];
  if (sha256(readFileSync(path)) !== judgement.source.fileSha256)
    notes.push("the file differs from the judged version (fileSha256)");
  const run = spawnSync(process.execPath, [cli, "status", "--json", path], { encoding: "utf8" });
  const report = JSON.parse(run.stdout);
  const read = new Map(report.items.filter((i) => i.form === "table").map((i) => [i.line, i]));
  const { expect } = judgement;
  let matched = 0;
  let names = 0;
  let ticks = 0;
  let tags = 0;
  for (const want of expect.items) {
    const got = read.get(want.line);
    if (!got) {
      notes.push(`line ${want.line}: no item read`);
      continue;
    }
    matched += 1;
    if (sha256(got.text) === want.sha256) names += 1;
    else notes.push(`line ${want.line}: name read as "${got.text}"`);
    if (got.checked === want.checked) ticks += 1;
    else notes.push(`line ${want.line}: read ${got.checked ? "ticked" : "open"}`);
    const levelTags = got.tags.filter((t) => t.startsWith("level:"));
    if (sameTags(levelTags, want.tags)) tags += 1;
    else notes.push(`line ${want.line}: tags [${levelTags.join(", ")}], expected [${want.tags.join(", ")}]`);
  }
  for (const [at, got] of read)
    if (!expect.items.some((w) => w.line === at)) notes.push(`line ${at}: read as an item ("${got.text}")`);
  const readTables = new Map((report.tables ?? []).map((t) => [t.line, t]));
  let wronglyData = 0;
  let wronglyItems = 0;
  for (const want of expect.tables) {
    const got = readTables.get(want.line)?.readAs ?? "data";
    if (got === want.readAs) continue;
    if (want.readAs === "items") wronglyData += 1;
    else wronglyItems += 1;
    notes.push(
      `table line ${want.line}: read as ${got} (${readTables.get(want.line)?.reason ?? "not seen"})`,
    );
  }
  const readTicked = [...read.values()].filter((i) => i.checked).length;
  const right = expect.tables.length - wronglyData - wronglyItems;
  console.log(
    line([
      judgement.document.replace(/\.md$/, ""),
      `${expect.tableItems}/${read.size}`,
      `${names}/${expect.tableItems}`,
      `${expect.ticked}/${readTicked}`,
      `${ticks}/${expect.tableItems}`,
      `${tags}/${expect.tableItems}`,
      `${right}/${expect.tables.length}`,
      wronglyData,
      wronglyItems,
    ]),
  );
  if (verbose) for (const note of notes.slice(0, 40)) console.log(`    ${note}`);
  Object.assign(total, {
    expected: total.expected + expect.tableItems,
    read: total.read + read.size,
    matched: total.matched + matched,
    names: total.names + names,
    ticked: total.ticked + expect.ticked,
    readTicked: total.readTicked + readTicked,
    ticks: total.ticks + ticks,
    tags: total.tags + tags,
  });
  Object.assign(tablesTotal, {
    count: tablesTotal.count + expect.tables.length,
    right: tablesTotal.right + right,
    wronglyData: tablesTotal.wronglyData + wronglyData,
    wronglyItems: tablesTotal.wronglyItems + wronglyItems,
  });
}
console.log(
  line([
    "overall",
    `${total.expected}/${total.read}`,
    `${total.names}/${total.expected}`,
    `${total.ticked}/${total.readTicked}`,
    `${total.ticks}/${total.expected}`,
    `${total.tags}/${total.expected}`,
    `${tablesTotal.right}/${tablesTotal.count}`,
    tablesTotal.wronglyData,
    tablesTotal.wronglyItems,
  ]),
);
console.log(
  `\nitems read on the expected line: ${total.matched}/${total.expected}; names, ticks and tags count only those.` +
    "\n'as data': checklist tables gonogo skipped; 'as items': data tables gonogo counted as items.",
);
process.exit(missing > 0 ? 1 : 0);
