import type { Dispatcher } from "undici";
import type { ErrorKind } from "./error-kind.js";
import type { Route, TrafficPlan } from "./plan-routes.js";
import type { Recorder } from "./recorder.js";
import { sendRequest } from "./send-request.js";

/** What both models drive: where to send, what to send, where to count. */
export interface Traffic {
  dispatcher: Dispatcher;
  plan: TrafficPlan;
  pickRoute: () => number;
  recorder: Recorder;
  requestTimeoutMs: number;
  /** Aborted on Ctrl-C or the engine's timeout: no new request starts. */
  signal: AbortSignal;
}

/** Sends one request and records its answer against `startedAt`; `then` runs after it is counted. */
export function sendAndRecord(
  traffic: Traffic,
  startedAt: number,
  then: (kind: ErrorKind | null) => void,
): void {
  const index = traffic.pickRoute();
  const route = traffic.plan.routes[index] as Route;
  sendRequest(traffic.dispatcher, route, traffic.plan.check, traffic.requestTimeoutMs, (status, kind) => {
    recordAnswer(traffic.recorder, index, startedAt, status, kind);
    then(kind);
  });
}

function recordAnswer(
  recorder: Recorder,
  route: number,
  startedAt: number,
  status: number,
  kind: ErrorKind | null,
): void {
  recorder.record(route, startedAt, performance.now(), status, kind);
}
