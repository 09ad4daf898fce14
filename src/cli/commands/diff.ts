import { GonogoError } from "../../core/errors.js";
import type { JsonCheckResult } from "../../model/report.js";
import { checklistKey, type Store, type StoredRun } from "../../store/index.js";
import { type DiffableRun, diffRuns, type ItemChange } from "../../verdict/run-diff.js";
import { findRun, openExistingStore, printJson, type StoreFlags, withStore } from "./_store.js";

/** Which two runs: both named; one named and the complete run before it; or the last two complete runs. */
async function pickRuns(
  store: Store,
  a?: string,
  b?: string,
  checklist?: string,
): Promise<[StoredRun, StoredRun]> {
  if (a && b) return [await findRun(store, a), await findRun(store, b)];
  const later = a
    ? await findRun(store, a)
    : await (async () => {
        const key = checklist ? checklistKey(checklist) : (await store.listRuns({ limit: 1 }))[0]?.checklist;
        return key ? store.latestCompleteRun(key) : undefined;
      })();
  if (!later) throw new GonogoError("not-found", "no complete run to compare (run gonogo verify twice)");
  const earlier = await store.latestCompleteRun(later.checklist, later.id);
  if (!earlier)
    throw new GonogoError("not-found", `no complete run of ${later.checklist} before run #${later.id}`);
  return [earlier, later];
}

/** One line of evidence per check: `health pass: status == 200 ✓ 200; latency < 300ms ✓ 41ms`. */
function evidence(checks: JsonCheckResult[]): string[] {
  if (checks.length === 0) return ["(no check: its status came from the document or a person)"];
  return checks.map((c) => {
    const expectations = c.expectations.map((e) => `${e.expr} ${e.ok ? "✓" : "✗"} ${e.actual}`).join("; ");
    return `${c.id} ${c.status}: ${[expectations, c.error].filter(Boolean).join("; ")}`;
  });
}

/** A run with its report; one that did not finish has no statuses to compare (a conflict). */
function finished(run: StoredRun): DiffableRun {
  if (!run.report)
    throw new GonogoError("conflict", `run #${run.id} did not finish: it has no statuses to compare`);
  return { ...run, report: run.report };
}

function runLabel(run: StoredRun): string {
  return `run #${run.id} (${run.startedAt.slice(0, 19).replace("T", " ")}, ${run.verdict ?? "no verdict"})`;
}

/** `gonogo diff [runA] [runB]`: items that regressed or recovered between two runs, evidence side by side. */
export async function runDiff(
  a: string | undefined,
  b: string | undefined,
  options: StoreFlags,
): Promise<number> {
  const store = await openExistingStore(options);
  return withStore(store, async () => {
    const [from, to] = await pickRuns(store, a, b, options.checklist);
    const diff = diffRuns(finished(from), finished(to));
    if (options.json) {
      printJson(diff);
      return 0;
    }
    const block = (title: string, list: ItemChange[]) => [
      `${title} (${list.length})`,
      ...list.flatMap((c) => [
        `  "${c.text}"  ${c.before} → ${c.after}`,
        ...sideBySide(from.id, c.evidence.before, to.id, c.evidence.after),
      ]),
    ];
    const lines = [
      `${runLabel(from)} → ${runLabel(to)}`,
      ...block("regressed", diff.regressed),
      ...block("recovered", diff.recovered),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  });
}

function sideBySide(
  fromId: number,
  before: JsonCheckResult[],
  toId: number,
  after: JsonCheckResult[],
): string[] {
  return [
    ...evidence(before).map((line) => `      #${fromId}: ${line}`),
    ...evidence(after).map((line) => `      #${toId}: ${line}`),
  ];
}
