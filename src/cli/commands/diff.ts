import { GonogoError } from "../../core/errors.js";
import type { JsonCheckResult, JsonItem } from "../../model/report.js";
import { checklistKey, type Store, type StoredRun } from "../../store/index.js";
import { statusChanges } from "../../verdict/regressions.js";
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
    for (const run of [from, to])
      if (!run.report)
        throw new GonogoError("conflict", `run #${run.id} did not finish: it has no statuses to compare`);
    const changes = statusChanges(from.report?.items ?? [], to.report?.items ?? []);
    const entry = (c: (typeof changes)[number]) => ({
      id: c.id,
      text: c.after.text,
      section: c.after.section,
      before: c.before.status,
      after: c.after.status,
      evidence: { before: c.before.checks, after: c.after.checks },
    });
    const regressed = changes.filter((c) => c.direction === "regressed");
    const recovered = changes.filter((c) => c.direction === "recovered");
    if (options.json) {
      const meta = (r: StoredRun) => ({
        id: r.id,
        startedAt: r.startedAt,
        verdict: r.verdict,
        summary: r.summary,
      });
      printJson({
        from: meta(from),
        to: meta(to),
        regressed: regressed.map(entry),
        recovered: recovered.map(entry),
      });
      return 0;
    }
    const block = (title: string, list: typeof changes) => [
      `${title} (${list.length})`,
      ...list.flatMap((c) => [
        `  "${c.after.text}"  ${c.before.status} → ${c.after.status}`,
        ...sideBySide(from.id, c.before, to.id, c.after),
      ]),
    ];
    const lines = [
      `${runLabel(from)} → ${runLabel(to)}`,
      ...block("regressed", regressed),
      ...block("recovered", recovered),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  });
}

function sideBySide(fromId: number, before: JsonItem, toId: number, after: JsonItem): string[] {
  return [
    ...evidence(before.checks).map((line) => `      #${fromId}: ${line}`),
    ...evidence(after.checks).map((line) => `      #${toId}: ${line}`),
  ];
}
