import { request } from "undici";
import { ERROR_KINDS, type ErrorKind, GonogoError } from "../../core/errors.js";
import type { JsonReport } from "../../model/report.js";

/** The token `--push` sends when `--token` is not given. */
export const TOKEN_ENV = "GONOGO_TOKEN";
const TIMEOUT_MS = 30_000;

/** Where and as whom `gonogo verify --push` sends its report. */
export interface PushTarget {
  /** `https://host/api/v1/checklists/orders-api`: the service's URL on the readiness service. */
  service: URL;
  token: string;
}

/** The URL as it may be printed: no user or password in it. */
function shown(url: URL): string {
  const copy = new URL(url);
  copy.username = "";
  copy.password = "";
  return copy.toString();
}

/**
 * Checks `--push URL` and finds its token (`--token`, else $GONOGO_TOKEN) before any check runs,
 * so a typo costs no run. The URL names the service: `https://host/api/v1/checklists/<service>`.
 */
export function pushTarget(
  url: string,
  token: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): PushTarget {
  let service: URL;
  try {
    service = new URL(url);
  } catch {
    throw new GonogoError("usage", `--push ${url}: not a URL (https://host/api/v1/checklists/<service>)`);
  }
  if (service.protocol !== "https:" && service.protocol !== "http:")
    throw new GonogoError("usage", `--push ${shown(service)}: expected an http:// or https:// URL`);
  if (!/\/api\/v1\/checklists\/[^/]+\/?$/.test(service.pathname))
    throw new GonogoError(
      "usage",
      `--push ${shown(service)}: expected the service's URL, https://host/api/v1/checklists/<service>`,
    );
  const presented = (token ?? env[TOKEN_ENV] ?? "").trim();
  if (presented === "")
    throw new GonogoError(
      "usage",
      `--push needs an API token: --token, or $${TOKEN_ENV} (gonogo token create --role runner makes one)`,
    );
  return { service, token: presented };
}

const isErrorKind = (kind: unknown): kind is ErrorKind => ERROR_KINDS.includes(kind as ErrorKind);

/** The server's `{ error: { kind, message, details } }`, or its status line when the body is not that. */
function refusal(status: number, text: string): GonogoError {
  try {
    const { error } = JSON.parse(text) as {
      error?: { kind?: unknown; message?: unknown; details?: unknown };
    };
    if (error && typeof error.message === "string") {
      const details = Array.isArray(error.details) ? error.details.map(String) : [];
      return new GonogoError(
        isErrorKind(error.kind) ? error.kind : "unavailable",
        `the server refused the report (${status}): ${error.message}`,
        details,
      );
    }
  } catch {
    // Not JSON: a proxy's page, say; its first line is all a person needs.
  }
  const first = text.split("\n", 1)[0]?.slice(0, 200) ?? "";
  return new GonogoError(
    "unavailable",
    `the server refused the report (${status})${first ? `: ${first}` : ""}`,
  );
}

/**
 * POSTs a verify's JSON report to `<service URL>/reports`; the run id the server kept it as.
 * Unreachable, refused or anything but a 201 is an error (exit 2): never a silent success. The
 * token goes in the Authorization header only, never in a message.
 */
export async function pushReport(target: PushTarget, report: JsonReport): Promise<number> {
  const url = new URL(`${target.service.pathname.replace(/\/$/, "")}/reports`, target.service);
  url.username = "";
  url.password = "";
  let response: Awaited<ReturnType<typeof request>>;
  try {
    response = await request(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${target.token}` },
      body: JSON.stringify(report),
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = `${(error as Error).message}${typeof code === "string" ? ` (${code})` : ""}`;
    throw new GonogoError("unavailable", `--push ${shown(url)}: cannot reach the server: ${why}`, [], {
      cause: error,
    });
  }
  const text = await response.body.text();
  if (response.statusCode !== 201) {
    const error = refusal(response.statusCode, text);
    throw new GonogoError(error.kind, `--push ${shown(url)}: ${error.message}`, error.details);
  }
  const { runId } = JSON.parse(text) as { runId: number };
  return runId;
}

export { shown as shownUrl };
