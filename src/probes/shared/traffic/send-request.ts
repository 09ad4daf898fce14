import type { Dispatcher } from "undici";

type Headers = Record<string, string | string[] | undefined>;

import type { ResponseCheck } from "./config-fields.js";
import { type ErrorKind, errorKind, statusKind } from "./error-kind.js";
import type { Route } from "./plan-routes.js";

/** Called once per request: the status (0 when no response came) and the error kind, or null when it counts as a success. */
export type OnAnswer = (status: number, kind: ErrorKind | null, headers: Headers | null) => void;

/**
 * Sends one request on undici's `dispatch`, the lowest layer it offers: no streams, no promises,
 * the body skipped unless a check reads it, the response headers handed on (burst reads
 * Retry-After). The load generator's own hot path is `Http1Pool`.
 */
export function sendRequest(
  dispatcher: Dispatcher,
  route: Route,
  check: ResponseCheck | undefined,
  timeoutMs: number,
  onAnswer: OnAnswer,
): void {
  dispatcher.dispatch(
    {
      path: route.path,
      method: route.method as Dispatcher.HttpMethod,
      headers: route.headers,
      body: route.body ?? null,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    },
    new AnswerHandler(check, onAnswer),
  );
}

class AnswerHandler implements Dispatcher.DispatchHandler {
  private status = 0;
  private headers: Headers | null = null;
  private chunks: Buffer[] | null = null;
  private answered = false;

  constructor(
    private readonly check: ResponseCheck | undefined,
    private readonly onAnswer: OnAnswer,
  ) {}

  onRequestStart(): void {}

  onResponseStart(_c: Dispatcher.DispatchController, status: number, headers: Headers): void {
    if (status < 200) return; // 1xx: the real answer follows
    this.status = status;
    this.headers = headers;
    if (this.check?.body_contains !== undefined) this.chunks = [];
  }

  onResponseData(_c: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks?.push(chunk);
  }

  onResponseEnd(): void {
    this.answer(this.status, this.judge(), this.headers);
  }

  onResponseError(_c: Dispatcher.DispatchController, error: Error): void {
    this.answer(this.status, errorKind(error), this.headers);
  }

  private judge(): ErrorKind | null {
    return judgeResponse(this.check, this.status, this.chunks === null ? null : Buffer.concat(this.chunks));
  }

  private answer(status: number, kind: ErrorKind | null, headers: Headers | null): void {
    if (this.answered) return;
    this.answered = true;
    this.onAnswer(status, kind, headers);
  }
}

/** A whole response judged by the run's check: null when it counts as a success, else why not. */
export function judgeResponse(
  check: ResponseCheck | undefined,
  status: number,
  body: Buffer | null,
): ErrorKind | null {
  const accepted = check?.status;
  const statusOk =
    accepted === undefined
      ? status < 400
      : Array.isArray(accepted)
        ? accepted.includes(status)
        : accepted === status;
  if (!statusOk) return statusKind(status);
  const needle = check?.body_contains;
  if (needle !== undefined && !(body ?? Buffer.alloc(0)).includes(needle)) return "check";
  return null;
}
