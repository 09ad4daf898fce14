import net from "node:net";
import tls from "node:tls";
import { HTTPParser } from "http-parser-js";
import type { ErrorKind } from "../shared/traffic/error-kind.js";

/** Where connections go: host and port, and TLS settings for https targets. */
export interface Endpoint {
  host: string;
  port: number;
  tls: { rejectUnauthorized: boolean } | null;
  /** Addresses the connection may not reach (a server's network policy), checked after resolution. */
  blockList?: net.BlockList;
}

/** One request to make: its bytes, when it gives up, and who hears the answer. */
export interface Exchange {
  request: Buffer;
  /** performance.now() after which the answer no longer counts: a `timeout`. */
  deadline: number;
  /** HEAD: the response has headers only, whatever its content-length says. */
  headOnly: boolean;
  /** Keep the body for a check (at most BODY_CAP bytes); otherwise it is skipped. */
  keepBody: boolean;
  /** status 0 when no response came; kind null when the connection delivered a whole response. */
  onAnswer: (status: number, kind: ErrorKind | null, body: Buffer | null) => void;
}

// A body check reads this much at most: enough for any page a check looks into, and a response
// of gigabytes cannot take the generator's memory.
const BODY_CAP = 1024 * 1024;

// Plain TCP reads land in this one buffer (net's `onread`), parsed before the next read: no
// Buffer, stream chunk and nextTick per response (a tenth of the generator's allocations at
// 1,000 req/s). Anything kept past the read (a body for a check) is copied out.
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

const KIND_BY_CODE: Record<string, ErrorKind> = {
  ECONNREFUSED: "refused",
  ECONNRESET: "reset",
  EPIPE: "reset",
  ETIMEDOUT: "timeout",
};

/**
 * One keep-alive HTTP/1.1 connection with at most one exchange at a time (no pipelining).
 * Responses are parsed by http-parser-js: Node's own llhttp binding is not public API.
 * `onFree` is called when the connection can take the next exchange; `onGone` once it is closed,
 * after the exchange in progress (if any) was answered.
 */
export class Http1Connection {
  private readonly socket: net.Socket;
  private readonly parser = new HTTPParser(HTTPParser.RESPONSE);
  private exchange: Exchange | null = null;
  private connected = false;
  private gone = false;
  private status = 0;
  private keepAlive = true;
  private body: Buffer[] | null = null;
  private bodyBytes = 0;
  /** A response completed during the read in progress: the connection is offered again after it. */
  private freeAfterRead = false;

  constructor(
    endpoint: Endpoint,
    private readonly onFree: (connection: Http1Connection) => void,
    private readonly onGone: (connection: Http1Connection) => void,
  ) {
    // SNI carries a host name, never an address (RFC 6066); a CDN or ingress picks its certificate by it.
    const servername = net.isIP(endpoint.host) === 0 ? endpoint.host : undefined;
    const policy = endpoint.blockList ? { blockList: endpoint.blockList } : {};
    const onread = {
      buffer: READ_BUFFER,
      callback: (length: number, buffer: Uint8Array) => {
        this.onData(buffer as Buffer, length);
        return true;
      },
    };
    this.socket = endpoint.tls
      ? tls.connect({ host: endpoint.host, port: endpoint.port, servername, ...endpoint.tls, ...policy })
      : net.connect({ host: endpoint.host, port: endpoint.port, onread, ...policy });
    this.socket.setNoDelay(true);
    this.socket.once(endpoint.tls ? "secureConnect" : "connect", () => this.onConnect());
    if (endpoint.tls) this.socket.on("data", (chunk: Buffer) => this.onData(chunk, chunk.length));
    this.socket.on("end", () => this.onEnd());
    this.socket.on("error", (error: NodeJS.ErrnoException) => this.close(this.kindOf(error)));
    this.socket.on("close", () => this.close("reset"));
    this.parser[HTTPParser.kOnHeadersComplete] = (info) =>
      this.onHeaders(info.statusCode, info.shouldKeepAlive);
    this.parser[HTTPParser.kOnBody] = (chunk: Buffer, offset: number, length: number) =>
      this.onBody(chunk, offset, length);
    this.parser[HTTPParser.kOnMessageComplete] = () => this.onComplete();
  }

  get busy(): boolean {
    return this.exchange !== null;
  }

  /** Sends `exchange` now, or as soon as the connection is up. */
  start(exchange: Exchange): void {
    this.exchange = exchange;
    this.status = 0;
    this.body = null;
    this.bodyBytes = 0;
    if (this.connected) this.socket.write(exchange.request);
  }

  /** Ends the exchange in progress as `kind` (a timeout, an abort) and closes the connection. */
  close(kind: ErrorKind): void {
    if (this.gone) return;
    this.gone = true;
    this.socket.destroy();
    this.answer(this.status, kind);
    this.onGone(this);
  }

  /** Whether the exchange in progress is past its deadline at `now`. */
  overdue(now: number): boolean {
    return this.exchange !== null && now > this.exchange.deadline;
  }

  private onConnect(): void {
    this.connected = true;
    if (this.exchange) this.socket.write(this.exchange.request);
  }

  private onData(chunk: Buffer, length: number): void {
    // Bytes nobody asked for, or bytes that are not HTTP: the connection cannot be trusted.
    if (this.exchange === null || this.parser.execute(chunk, 0, length) instanceof Error) {
      this.close("other");
      return;
    }
    // Offered only now: were it offered inside the parser's callback, the rest of this chunk (a
    // server answering twice) would be read as the answer to the next request.
    if (this.freeAfterRead && !this.gone) {
      this.freeAfterRead = false;
      this.onFree(this);
    }
  }

  private onEnd(): void {
    // A response delimited by the end of the connection is complete only now.
    if (this.exchange !== null) this.parser.finish();
    this.close("reset");
  }

  private onHeaders(status: number, keepAlive: boolean): number {
    if (this.exchange === null) {
      this.close("other"); // a second response to one request
      return 1;
    }
    this.status = status;
    this.keepAlive = keepAlive;
    if (this.exchange?.keepBody && status >= 200) this.body = [];
    // 1 tells the parser that no body follows (a HEAD's content-length describes the GET).
    return this.exchange?.headOnly ? 1 : 0;
  }

  private onBody(chunk: Buffer, offset: number, length: number): void {
    if (this.body === null || this.bodyBytes >= BODY_CAP) return;
    // A copy: the read buffer is reused (see READ_BUFFER).
    const part = Buffer.from(chunk.subarray(offset, offset + Math.min(length, BODY_CAP - this.bodyBytes)));
    this.body.push(part);
    this.bodyBytes += part.length;
  }

  private onComplete(): void {
    // 1xx is not the answer: the real response follows on the same exchange.
    if (this.status < 200) return;
    if (this.exchange === null) {
      this.close("other");
      return;
    }
    this.answer(this.status, null);
    if (this.gone) return; // the answer stopped the run
    if (this.keepAlive) this.freeAfterRead = true;
    else this.close("reset");
  }

  private answer(status: number, kind: ErrorKind | null): void {
    const exchange = this.exchange;
    if (exchange === null) return;
    this.exchange = null;
    const body = this.body === null ? null : Buffer.concat(this.body);
    this.body = null;
    exchange.onAnswer(status, kind, body);
  }

  private kindOf(error: NodeJS.ErrnoException): ErrorKind {
    return (error.code !== undefined && KIND_BY_CODE[error.code]) || "other";
  }
}
