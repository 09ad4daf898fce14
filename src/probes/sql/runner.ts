import { type Deadline, startDeadline } from "../shared/deadline.js";
import { refusedHost } from "../shared/network-policy.js";
import type { ProbeContext, ProbeResult } from "../types.js";
import type { SqlConfig } from "./config.js";
import { type DatabaseSpec, type Dialect, resolveDatabase } from "./database-url.js";
import { describeSqlError } from "./describe-sql-error.js";
import { observeOutcome } from "./observe-outcome.js";
import { planSql, type SqlOutcome, type SqlPlan } from "./plan.js";
import { untilAborted } from "./until-aborted.js";

type Runner = (spec: DatabaseSpec, plan: SqlPlan, deadline: Deadline) => Promise<SqlOutcome>;

/** Each dialect's module, loaded (with its driver) only when a check uses it. */
const RUNNERS: Record<Dialect, () => Promise<{ runSql: Runner }>> = {
  postgres: () => import("./postgres-runner.js"),
  mysql: () => import("./mysql-runner.js"),
  sqlite: () => import("./sqlite-runner.js"),
};

/** Runs the read-only query and catalog counts, loading the dialect's driver only now. */
export async function run(config: SqlConfig, ctx: ProbeContext): Promise<ProbeResult> {
  const spec = resolveDatabase(config.target, ctx);
  const plan = planSql(config, ctx.requested, ctx.timeoutMs);
  const evidence: Record<string, unknown> = {
    target: spec.label,
    dialect: spec.dialect,
    readOnly: plan.readOnly,
    ...(plan.query !== undefined && { query: plan.query, params: plan.params }),
  };
  for (const host of serverHosts(spec)) {
    const refused = await refusedHost(host, ctx);
    if (refused !== undefined) return { observations: {}, evidence, error: `${spec.label}: ${refused}` };
  }
  const deadline = startDeadline(ctx);
  try {
    const { runSql } = await RUNNERS[spec.dialect]();
    const outcome = await untilAborted(runSql(spec, plan, deadline), deadline.signal);
    const seen = observeOutcome(outcome, ctx.requested);
    if (outcome.query !== undefined) evidence.columns = outcome.query.columns.map((column) => column.name);
    if (Object.keys(seen.absent).length > 0) evidence.absent = seen.absent;
    if (seen.missingSchemas.length > 0) evidence.missingSchemas = seen.missingSchemas;
    return { observations: seen.observations, evidence };
  } catch (error) {
    const cause = describeSqlError(error, deadline, spec.secrets);
    return { observations: {}, evidence, error: `${spec.label}: ${cause}` };
  } finally {
    deadline.dispose();
  }
}

/**
 * The hosts a database URL makes its driver connect to: its host, and any `host=` or `hostaddr=`
 * in its query (libpq and the drivers honour those over the host part, comma-separated for
 * several). A SQLite file has none; a Unix socket path is no network address and is skipped.
 */
function serverHosts(spec: DatabaseSpec): string[] {
  if (spec.dialect === "sqlite" || !URL.canParse(spec.location)) return [];
  const url = new URL(spec.location);
  const named = ["host", "hostaddr"].flatMap((key) => url.searchParams.getAll(key));
  return [url.hostname, ...named.flatMap((value) => value.split(","))]
    .map((host) => host.trim())
    .filter((host) => host !== "" && !host.startsWith("/"));
}
