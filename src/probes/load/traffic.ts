import type { ErrorKind } from "../shared/traffic/error-kind.js";
import type { TrafficPlan } from "../shared/traffic/plan-routes.js";
import { judgeResponse } from "../shared/traffic/send-request.js";
import type { Http1Pool } from "./http1-pool.js";
import type { Recorder } from "./recorder.js";

/** What both models drive: where to send, what to send, where to count. */
export interface Traffic {
  pool: Http1Pool;
  plan: TrafficPlan;
  /** Each route's request as bytes, in the order of `plan.routes`. */
  requests: Buffer[];
  pickRoute: () => number;
  recorder: Recorder;
  requestTimeoutMs: number;
  /** Aborted on Ctrl-C or the engine's timeout: no new request starts. */
  signal: AbortSignal;
}

/**
 * Sends one request and records its answer against `startedAt`; `then` runs after it is counted.
 * `dueAt` (the open model's intended start, else `startedAt`) decides whether it falls in the
 * measured window.
 */
export function sendAndRecord(
  traffic: Traffic,
  startedAt: number,
  then: (kind: ErrorKind | null) => void,
  dueAt = startedAt,
): void {
  const index = traffic.pickRoute();
  const check = traffic.plan.check;
  traffic.pool.send({
    request: traffic.requests[index] as Buffer,
    deadline: performance.now() + traffic.requestTimeoutMs,
    headOnly: traffic.plan.routes[index]?.method === "HEAD",
    keepBody: check?.body_contains !== undefined,
    onAnswer: (status, failure, body) => {
      const kind = failure ?? judgeResponse(check, status, body);
      traffic.recorder.record(index, startedAt, performance.now(), status, kind, dueAt);
      then(kind);
    },
  });
}
