import type { ErrorKind } from "../shared/traffic/error-kind.js";
import { type Endpoint, type Exchange, Http1Connection } from "./http1-connection.js";

export type { Exchange } from "./http1-connection.js";

/**
 * The load generator's connections: up to `connections` keep-alive HTTP/1.1 connections, one
 * request in flight on each; requests wait in order when all are busy. A connection that fails or
 * closes is replaced when a request needs it.
 *
 * Why not undici, which every other probe uses: the generator's own cost per request limits what
 * it can measure. Each route's request is serialised once and written as one buffer, responses are
 * parsed with nothing kept but the status (and the body when a check reads it), and one sweep a
 * tick of the clock enforces every deadline instead of a timer per request. bench/load.js measures
 * the difference against undici's `dispatch`, autocannon and wrk on the same core.
 */
export class Http1Pool {
  private readonly idle: Http1Connection[] = [];
  private readonly open = new Set<Http1Connection>();
  private readonly waiting: Exchange[] = [];
  private waitingHead = 0;
  private readonly sweep: NodeJS.Timeout;
  private destroyed = false;

  constructor(
    private readonly endpoint: Endpoint,
    private readonly connections: number,
    sweepMs: number,
  ) {
    this.sweep = setInterval(() => this.endOverdue(), sweepMs);
    this.sweep.unref();
  }

  /** Sends `exchange` on a free connection, a new one, or the first to come free. */
  send(exchange: Exchange): void {
    const connection = this.destroyed ? undefined : this.idle.pop();
    if (this.destroyed) exchange.onAnswer(0, "other", null);
    else if (connection) connection.start(exchange);
    else if (this.open.size < this.connections) this.connect().start(exchange);
    else this.waiting.push(exchange);
  }

  /** Closes every connection; requests in flight or waiting are answered as `other`. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearInterval(this.sweep);
    for (const connection of [...this.open]) connection.close("other");
    for (let exchange = this.nextWaiting(); exchange; exchange = this.nextWaiting())
      exchange.onAnswer(0, "other", null);
  }

  private connect(): Http1Connection {
    const connection = new Http1Connection(
      this.endpoint,
      (free) => this.onFree(free),
      (gone) => this.onGone(gone),
    );
    this.open.add(connection);
    return connection;
  }

  private onFree(connection: Http1Connection): void {
    const next = this.nextWaiting();
    if (next) connection.start(next);
    else this.idle.push(connection);
  }

  private onGone(connection: Http1Connection): void {
    this.open.delete(connection);
    const at = this.idle.indexOf(connection);
    if (at !== -1) this.idle.splice(at, 1);
    if (this.destroyed) return;
    const next = this.nextWaiting();
    if (next) this.connect().start(next);
  }

  /** The oldest waiting request; the queue is an array with a moving head, so taking one is O(1). */
  private nextWaiting(): Exchange | undefined {
    if (this.waitingHead >= this.waiting.length) return undefined;
    const next = this.waiting[this.waitingHead];
    this.waiting[this.waitingHead++] = undefined as unknown as Exchange;
    if (this.waitingHead === this.waiting.length) {
      this.waiting.length = 0;
      this.waitingHead = 0;
    }
    return next;
  }

  private endOverdue(): void {
    const now = performance.now();
    for (const connection of [...this.open]) if (connection.overdue(now)) connection.close("timeout");
    // A request that waited past its deadline for a connection timed out too.
    while (this.waitingHead < this.waiting.length && (this.waiting[this.waitingHead]?.deadline ?? 0) < now) {
      this.nextWaiting()?.onAnswer(0, "timeout" satisfies ErrorKind, null);
    }
  }
}
