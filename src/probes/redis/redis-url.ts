import { GonogoError } from "../../core/errors.js";
import { redactUrl } from "../shared/redact-url.js";
import type { ProbeContext } from "../types.js";

/** Where a check's Redis is, and how to name it without its password. */
export interface RedisEndpoint {
  host: string;
  port: number;
  tls: boolean;
  username: string | undefined;
  password: string | undefined;
  db: number;
  /** `cache (redis://:****@127.0.0.1:6379/0)`: the target's name and its URL, password masked. */
  label: string;
  /** The password as written and decoded: scrubbed from every message. */
  secrets: string[];
}

/** Reads `redis://[user:password@]host[:port][/db]` (or `rediss://`) from the target; `db` overrides the path. */
export function resolveRedis(
  targetName: string,
  db: number | undefined,
  ctx: Pick<ProbeContext, "targets">,
): RedisEndpoint {
  const target = ctx.targets[targetName];
  if (target === undefined) {
    throw new GonogoError("config", `redis: unknown target "${targetName}"`, [
      `known targets: ${Object.keys(ctx.targets).join(", ") || "(none)"}`,
    ]);
  }
  const text = target.url;
  const url = text !== undefined && URL.canParse(text) ? new URL(text) : undefined;
  if (url === undefined || (url.protocol !== "redis:" && url.protocol !== "rediss:")) {
    const shown = text === undefined ? "no url" : `url ${redactUrl(text)}, not a redis:// or rediss:// URL`;
    throw new GonogoError("config", `redis: target "${targetName}" has ${shown}`, [
      "write redis://[user:password@]host[:port][/db], or rediss:// for TLS",
    ]);
  }
  const index = db ?? pathDb(url, targetName);
  const password = url.password === "" ? undefined : decode(url.password);
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, "$1") || "127.0.0.1",
    port: url.port === "" ? 6379 : Number(url.port),
    tls: url.protocol === "rediss:",
    username: url.username === "" ? undefined : decode(url.username),
    password,
    db: index,
    label: `${targetName} (${redactUrl(url)})`,
    secrets: password === undefined ? [] : [url.password, password],
  };
}

function pathDb(url: URL, targetName: string): number {
  const path = url.pathname.replace(/^\//, "");
  if (path === "") return 0;
  if (/^\d+$/.test(path)) return Number(path);
  throw new GonogoError("config", `redis: target "${targetName}": "/${path}" is not a database index`, [
    "the path of a redis:// URL is the database number, e.g. redis://cache:6379/2",
  ]);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
