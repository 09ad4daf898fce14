import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import { resolve } from "node:path";
import { GonogoError } from "../../core/errors.js";
import type { ProbeContext } from "../types.js";
import type { TlsConfig } from "./config.js";

/** Where to connect and what to expect the certificate to name. */
export interface TlsEndpoint {
  host: string;
  port: number;
  /** Name checked against the certificate: servername, else host. */
  expectedName: string;
  /** SNI to send; none for a bare IP address (RFC 6066 forbids it). */
  servername?: string;
  /** PEM text of the CA file, when the check gives one. */
  ca?: string;
}

/** Resolves target, port and CA file; throws a config error a user can act on. */
export function resolveEndpoint(
  config: TlsConfig,
  ctx: Pick<ProbeContext, "targets" | "baseDir">,
): TlsEndpoint {
  const { host, port } = config.host === undefined ? targetAddress(config, ctx) : config;
  if (host === undefined) throw new GonogoError("config", "tls: give a host or a target");
  const expectedName = config.servername ?? host;
  const endpoint: TlsEndpoint = { host, port: port ?? 443, expectedName };
  if (isIP(expectedName) === 0) endpoint.servername = expectedName;
  if (config.ca !== undefined) endpoint.ca = readCa(resolve(ctx.baseDir, config.ca));
  return endpoint;
}

function targetAddress(
  config: TlsConfig,
  ctx: Pick<ProbeContext, "targets">,
): { host?: string; port?: number } {
  const target = ctx.targets[config.target ?? ""];
  if (target === undefined) {
    throw new GonogoError("config", `tls: unknown target "${config.target}"`, [
      `known targets: ${Object.keys(ctx.targets).join(", ") || "(none)"}`,
    ]);
  }
  if (target.url === undefined || !URL.canParse(target.url)) {
    throw new GonogoError("config", `tls: target "${config.target}" has no valid url`);
  }
  const url = new URL(target.url);
  const port = config.port ?? (url.port === "" ? undefined : Number(url.port));
  // `new URL("https://[::1]").hostname` keeps the brackets; sockets want the bare address.
  return { host: url.hostname.replace(/^\[(.*)\]$/, "$1"), ...(port !== undefined && { port }) };
}

function readCa(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new GonogoError("config", `tls: cannot read ca file ${path}: ${(error as Error).message}`, [], {
      cause: error,
    });
  }
}
