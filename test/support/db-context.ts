import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import pg from "pg";
import type { ObservableRef } from "../../src/core/observation.js";
import { parseObservableRef } from "../../src/expect/index.js";
import type { ProbeContext, Target } from "../../src/probes/types.js";

/** The servers this machine runs for the database and cache probe tests. */
export const POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test";
export const MYSQL_URL = "mysql://root@127.0.0.1:3306/test";
export const REDIS_URL = "redis://127.0.0.1:6379";

/** Runs one statement on the Postgres server as its admin (CREATE or DROP DATABASE, which no database of a test may run). */
export async function postgresAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** `gonogo_test_3f9a1c0b`: a name no other test run uses, safe as an unquoted SQL identifier. */
export function uniqueName(prefix = "gonogo_test"): string {
  return `${prefix}_${randomBytes(4).toString("hex")}`;
}

/** A TCP port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** `tables(ai)`, `column.total`, `info.db15.keys` parsed as the config loader parses them. */
export function ref(text: string): ObservableRef {
  const parsed = parseObservableRef(text);
  if (!parsed.ok) throw new Error(parsed.error.pretty);
  return parsed.observable;
}

export interface DbContextOptions {
  targets: Record<string, Omit<Target, "name">>;
  requested?: string[];
  timeoutMs?: number;
  baseDir?: string;
}

/** A ProbeContext as the engine passes it, with requested observables parsed by src/expect. */
export function dbContext(options: DbContextOptions): ProbeContext {
  const timeoutMs = options.timeoutMs ?? 5000;
  return {
    signal: AbortSignal.timeout(timeoutMs + 100),
    timeoutMs,
    requested: (options.requested ?? []).map(ref),
    targets: Object.fromEntries(Object.entries(options.targets).map(([name, t]) => [name, { name, ...t }])),
    baseDir: options.baseDir ?? process.cwd(),
  };
}
