/**
 * How often `gonogo init` proposes a live check that is right, on public readiness checklists it
 * was not written for. bench/init-heldout/<name>.json holds, per document, where to get it and a
 * person's judgement of every item (live / review / manual / paperwork, and which probes fit).
 * The documents themselves are not in the repository: download them into one folder as
 * <name>.md (see bench/init-heldout/README.md), then, after `npm run build`:
 *
 *   node bench/init-precision.js <folder> [--verbose]
 *
 * A live proposal (one init writes uncommented) is right when the item was judged `live` or
 * `review` and its probe is one the judgement names; recall counts the items judged `live` that
 * got a right live proposal. Paperwork items (people, reviews, documents, plans) must get none.
 * Tuning and held-out documents are reported separately: rules are tuned on the first only.
 * Exit code 1 when a document is missing or a paperwork item got a live check.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadChecklist } from "../dist/checklist/index.js";
import { isLive } from "../dist/infer/check-blocks.js";
import { inferChecks } from "../dist/infer/index.js";
import { PROBES } from "../dist/probes/registry.js";

const [folder, flag] = process.argv.slice(2);
if (!folder) {
  console.error("usage: node bench/init-precision.js <folder with the downloaded documents> [--verbose]");
  process.exit(2);
}
const verbose = flag === "--verbose";
const judgements = fileURLToPath(new URL("./init-heldout/", import.meta.url));
const available = new Set(PROBES.keys());
/** Column widths of the printed table: document, items, live, right, wrong, precision, recall, paperwork. */
const WIDTHS = [16, 7, 6, 7, 7, 11, 16, 11];
const sha256 = (text) => createHash("sha256").update(text).digest("hex");

const rows = [];
for (const file of readdirSync(judgements)
  .filter((f) => f.endsWith(".json"))
  .sort()) {
  const doc = JSON.parse(readFileSync(join(judgements, file), "utf8"));
  const path = join(folder, `${doc.name}.md`);
  if (!existsSync(path)) {
    console.error(`${doc.name}: ${path} is missing; get it from ${doc.source.url}`);
    process.exitCode = 1;
    continue;
  }
  if (sha256(readFileSync(path)) !== doc.fileSha256)
    console.error(
      `${doc.name}: ${path} differs from the judged version (${doc.source.commit}); items are matched by line and text`,
    );
  rows.push(measure(doc, await loadChecklist(path)));
}

const SETS = {
  tuning: "Tuning documents (rules were tuned on these)",
  heldout: "Held-out documents (chosen with the tuning set, never tuned on)",
  "heldout-fresh": "Fresh held-out documents (chosen and judged after the last rule change)",
};
for (const [set, title] of Object.entries(SETS)) {
  const mine = rows.filter((r) => r.set === set);
  if (mine.length === 0) continue;
  console.log(`\n${title}`);
  console.log(header());
  for (const row of mine) console.log(line(row.name, row));
  console.log(line("all", total(mine)));
  if (verbose) for (const row of mine) for (const note of row.notes) console.log(`  ${row.name}:${note}`);
}
const heldOut = rows.filter((r) => r.set !== "tuning");
console.log(`\nAll held-out documents\n${header()}\n${line("all", total(heldOut))}`);

function measure(doc, checklist) {
  const inferences = new Map(inferChecks(checklist).map((i) => [i.item.line, i]));
  const row = {
    name: doc.name,
    set: doc.set,
    items: 0,
    live: 0,
    right: 0,
    wrong: 0,
    wanted: 0,
    found: 0,
    paperwork: 0,
    unmatched: 0,
    notes: [],
  };
  for (const judged of doc.items) {
    const inference = inferences.get(judged.line);
    if (!inference || sha256(inference.item.text) !== judged.sha256) {
      row.unmatched++;
      row.notes.push(`${judged.line} not found in this version (${judged.paraphrase})`);
      continue;
    }
    row.items++;
    const live = inference.proposals.filter((p) => isLive(p, available));
    const fits = (p) =>
      ["live", "review"].includes(judged.judgement) && (judged.probes ?? []).includes(p.probe);
    for (const proposal of live) {
      row.live++;
      if (fits(proposal)) row.right++;
      else {
        row.wrong++;
        row.notes.push(
          `${judged.line} WRONG ${proposal.probe} ${proposal.expect.join("; ")} (${judged.judgement}: ${judged.paraphrase})`,
        );
      }
    }
    if (judged.judgement === "paperwork" && live.length > 0) row.paperwork++;
    if (judged.judgement === "live") {
      row.wanted++;
      if (live.some(fits)) row.found++;
      else
        row.notes.push(
          `${judged.line} missed ${judged.probes.join("/")}: ${judged.verify} (${judged.paraphrase})`,
        );
    }
  }
  if (row.paperwork > 0) process.exitCode = 1;
  return row;
}

function total(rows) {
  const sum = { items: 0, live: 0, right: 0, wrong: 0, wanted: 0, found: 0, paperwork: 0, unmatched: 0 };
  for (const row of rows) for (const key of Object.keys(sum)) sum[key] += row[key];
  return sum;
}

function pct(part, whole) {
  return whole === 0 ? "-" : `${((100 * part) / whole).toFixed(1)}%`;
}

function columns(cells) {
  return cells
    .map((c, i) => (i === 0 ? String(c).padEnd(WIDTHS[i]) : String(c).padStart(WIDTHS[i])))
    .join("");
}

function header() {
  return columns(["document", "items", "live", "right", "wrong", "precision", "recall", "paperwork"]);
}

function line(name, r) {
  const recall = `${pct(r.found, r.wanted)} (${r.found}/${r.wanted})`;
  const text = columns([name, r.items, r.live, r.right, r.wrong, pct(r.right, r.live), recall, r.paperwork]);
  return r.unmatched ? `${text}  (${r.unmatched} judged items not found)` : text;
}
