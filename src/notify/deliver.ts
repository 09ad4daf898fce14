import type { NotificationDelivery, Store } from "../store/index.js";
import type { ChannelConfig, NotificationsConfig } from "./notify-config.js";
import { DELIVERY_HEADER, SIGNATURE_HEADER, signBody, TIMESTAMP_HEADER } from "./sign-body.js";

export interface DeliveryContext {
  store: Store;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  /** Aborted at shutdown: the wait and the request stop; the delivery stays `pending`. */
  signal: AbortSignal;
  /** Told of each finished delivery (metrics). */
  onSettled?: (delivery: NotificationDelivery, status: "delivered" | "failed") => void;
}

/** One try's outcome: delivered, worth another try, or not (a 4xx, a missing secret). */
interface TryResult {
  statusCode: number | null;
  error: string | null;
  retry: boolean;
}

/** Waits `ms`, or rejects when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    function done() {
      signal.removeEventListener("abort", stop);
      resolve();
    }
    function stop() {
      clearTimeout(timer);
      reject(signal.reason);
    }
    signal.addEventListener("abort", stop, { once: true });
  });
}

/** The wait before attempt `n + 1`: backoff doubled each time, never above the cap. */
export function backoffBefore(attempt: number, retry: NotificationsConfig["retry"]): number {
  return Math.min(retry.maxBackoffMs, retry.backoffMs * 2 ** (attempt - 1));
}

/** 408, 425, 429 and 5xx say "later"; any other answer will not change by asking again. */
function retryable(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** The channel's URL, from the config or the environment; an unset variable is a failure naming it. */
function channelUrl(channel: ChannelConfig, env: DeliveryContext["env"]): string | { missing: string } {
  if ("value" in channel.url) return channel.url.value;
  return env[channel.url.env] || { missing: channel.url.env };
}

/** Why a request failed, in words, without the URL (a Slack webhook URL is a secret). */
function describeFailure(error: unknown): string {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err.name === "TimeoutError") return "no answer before the timeout";
  const cause = err.cause?.code ?? err.cause?.message;
  return cause ? `${err.message}: ${cause}` : err.message;
}

async function tryOnce(
  delivery: NotificationDelivery,
  channel: ChannelConfig,
  config: NotificationsConfig,
  context: DeliveryContext,
): Promise<TryResult> {
  const url = channelUrl(channel, context.env);
  if (typeof url !== "string")
    return {
      statusCode: null,
      error: `the environment variable ${url.missing} (the URL of channel "${channel.name}") is not set on the server`,
      retry: false,
    };
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "gonogo-notify",
  };
  if (channel.type === "webhook") {
    const secret = channel.secretEnv ? context.env[channel.secretEnv] : undefined;
    if (!secret)
      return {
        statusCode: null,
        error: `the environment variable ${channel.secretEnv} (the signing secret of channel "${channel.name}") is not set on the server`,
        retry: false,
      };
    headers[SIGNATURE_HEADER] = signBody(secret, delivery.body);
    headers[TIMESTAMP_HEADER] = String(Math.floor(context.now().getTime() / 1000));
    headers[DELIVERY_HEADER] = String(delivery.id);
  }
  try {
    const response = await fetch(url, {
      method: "POST",
      headers,
      body: delivery.body,
      redirect: "manual",
      signal: AbortSignal.any([context.signal, AbortSignal.timeout(config.timeoutMs)]),
    });
    const text = await response.text().catch(() => "");
    if (response.ok) return { statusCode: response.status, error: null, retry: false };
    const said = text.trim().slice(0, 200);
    return {
      statusCode: response.status,
      error: `HTTP ${response.status}${said ? `: ${said}` : ""}`,
      retry: retryable(response.status),
    };
  } catch (error) {
    if (context.signal.aborted) throw error;
    return { statusCode: null, error: describeFailure(error), retry: true };
  }
}

/**
 * Sends a recorded delivery, retrying with exponential backoff up to `retry.attempts` tries;
 * every try is recorded with its status or error, and the delivery ends `delivered` or `failed`.
 * Never throws for the receiver's faults; a shutdown leaves it `pending`.
 */
export async function deliver(
  delivery: NotificationDelivery,
  channel: ChannelConfig,
  config: NotificationsConfig,
  context: DeliveryContext,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const started = performance.now();
    const result = await tryOnce(delivery, channel, config, context);
    const last = attempt >= config.retry.attempts || !result.retry;
    const status = result.error === null ? "delivered" : last ? "failed" : "pending";
    await context.store.recordDeliveryAttempt(
      {
        deliveryId: delivery.id,
        attempt,
        at: context.now().toISOString(),
        statusCode: result.statusCode,
        error: result.error,
        durationMs: performance.now() - started,
      },
      status,
    );
    if (status !== "pending") {
      context.onSettled?.(delivery, status);
      return;
    }
    await pause(backoffBefore(attempt, config.retry), context.signal);
  }
}
