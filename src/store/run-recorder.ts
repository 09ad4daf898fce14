import type { CheckResult } from "../engine/check-result.js";
import type { JsonReport } from "../report/json.js";
import type { RunMeta, Store } from "./store.js";

export interface RunRecorder {
  runId: number;
  /** Queues one check's (already redacted) result; writes keep their order. */
  record(result: CheckResult): void;
  /** Waits for every queued write, then stores the report and the run's end. */
  finish(report: JsonReport, complete: boolean): Promise<void>;
}

/**
 * Records a run as it happens: the run row first, each check as it ends. A failing write is
 * reported once on `warn` and the run goes on: the checks matter more than their record.
 */
export async function startRunRecorder(
  store: Store,
  meta: RunMeta,
  warn: (message: string) => void,
): Promise<RunRecorder> {
  const runId = await store.startRun(meta);
  let pending: Promise<void> = Promise.resolve();
  let warned = false;
  const guard = (write: () => Promise<void>) => {
    pending = pending.then(write).catch((error: Error) => {
      if (!warned) warn(`could not record run #${runId} in ${store.location}: ${error.message}`);
      warned = true;
    });
    return pending;
  };
  return {
    runId,
    record(result) {
      void guard(() => store.recordCheck(runId, result));
    },
    async finish(report, complete) {
      await guard(() => store.finishRun(runId, { finishedAt: new Date().toISOString(), complete, report }));
    },
  };
}
