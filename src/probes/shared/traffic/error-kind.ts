/**
 * Why a request counted as an error, as reported under `errors.<kind>`: the status class of a
 * response not accepted, or what went wrong on the connection.
 */
export type ErrorKind =
  | "status_1xx"
  | "status_2xx"
  | "status_3xx"
  | "status_4xx"
  | "status_5xx"
  | "check"
  | "timeout"
  | "reset"
  | "refused"
  | "other";

export const ERROR_KINDS: readonly ErrorKind[] = [
  "status_1xx",
  "status_2xx",
  "status_3xx",
  "status_4xx",
  "status_5xx",
  "check",
  "timeout",
  "reset",
  "refused",
  "other",
];

export function statusKind(status: number): ErrorKind {
  const hundreds = Math.min(5, Math.max(1, Math.floor(status / 100)));
  return `status_${hundreds}xx` as ErrorKind;
}

const KIND_BY_CODE: Record<string, ErrorKind> = {
  ECONNRESET: "reset",
  EPIPE: "reset",
  UND_ERR_SOCKET: "reset",
  ECONNREFUSED: "refused",
  ETIMEDOUT: "timeout",
  UND_ERR_CONNECT_TIMEOUT: "timeout",
  UND_ERR_HEADERS_TIMEOUT: "timeout",
  UND_ERR_BODY_TIMEOUT: "timeout",
};

/** Looks through `cause` chains: undici wraps the socket's error. */
export function errorKind(error: unknown): ErrorKind {
  let link: unknown = error;
  for (let depth = 0; link instanceof Error && depth < 8; depth++) {
    const code = (link as { code?: unknown }).code;
    const kind = typeof code === "string" ? KIND_BY_CODE[code] : undefined;
    if (kind) return kind;
    link = link.cause;
  }
  return "other";
}
