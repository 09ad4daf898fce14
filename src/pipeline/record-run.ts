import type { CheckResult } from "../core/check-result.js";
import type { JsonReport } from "../report/json.js";
import type { RunMeta, Store } from "../store/index.js";

export interface RunRecorder {
  runId: number;
  /** Queues one check's (already redacted) result; writes keep their order. */
  record(result: CheckResult): void;
  /** Waits for every queued write, then stores the report and the run's end. */
  finish(report: JsonReport, complete: boolean): Promise<void>;
  /** Why a write failed (the first failure), or null when everything was recorded. */
  readonly failure: string | null;
}

/**
 * Records a run as it happens: the run row first, each check as it ends. A failing write is
 * reported once on `warn` and the run goes on: the checks matter more than their record.
 */
export async function startRunRecorder(
  store: Store,
  meta: RunMeta,
  { warn, now }: { warn: (message: string) => void; now: () => Date },
): Promise<RunRecorder> {
  const runId = await store.startRun(meta);
  let pending: Promise<void> = Promise.resolve();
  let failure: string | null = null;
  const guard = (write: () => Promise<void>) => {
    pending = pending.then(write).catch((error: Error) => {
      if (failure === null) warn(`could not record run #${runId} in ${store.location}: ${error.message}`);
      failure ??= error.message;
    });
    return pending;
  };
  return {
    runId,
    get failure() {
      return failure;
    },
    record(result) {
      void guard(() => store.recordCheck(runId, result));
    },
    async finish(report, complete) {
      await guard(() => store.finishRun(runId, { finishedAt: now().toISOString(), complete, report }));
    },
  };
}
