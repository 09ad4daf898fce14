import type { CheckResult } from "../core/check-result.js";
import type { JsonReport } from "../report/json.js";
import type { RecordedCheck, RunMeta, Store } from "../store/index.js";

/**
 * How long a check's result may wait to be written with the ones ending after it. A process killed
 * outright loses at most this much of what its run measured; a run that ends or is stopped
 * writes everything.
 */
const RECORD_EVERY_MS = 100;

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
 * Records a run as it happens: the run row first, the checks as they end (a few at a time, at
 * most RECORD_EVERY_MS after), the report last. A failing write is
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
  let waiting: RecordedCheck[] = [];
  let timer: NodeJS.Timeout | null = null;
  const guard = (write: () => Promise<void>) => {
    pending = pending.then(write).catch((error: Error) => {
      if (failure === null) warn(`could not record run #${runId} in ${store.location}: ${error.message}`);
      failure ??= error.message;
    });
    return pending;
  };
  // The checks that ended in the last RECORD_EVERY_MS, in one write: a run of 20 light checks
  // makes two or three round trips (and commits) instead of 20.
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (waiting.length === 0) return;
    const batch = waiting;
    waiting = [];
    void guard(() => store.recordChecks(runId, batch));
  };
  return {
    runId,
    get failure() {
      return failure;
    },
    record(result) {
      waiting.push({ result, recordedAt: new Date().toISOString() });
      timer ??= setTimeout(flush, RECORD_EVERY_MS);
    },
    async finish(report, complete) {
      flush();
      await guard(() => store.finishRun(runId, { finishedAt: now().toISOString(), complete, report }));
    },
  };
}
