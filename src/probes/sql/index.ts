import type { Probe } from "../types.js";
import { type SqlConfig, sqlConfigSchema } from "./config.js";
import { resolveDatabase } from "./database-url.js";
import { sqlObservables } from "./observables.js";
import { planSql } from "./plan.js";

/** `sql:` — one read-only query and catalog counts against Postgres, MySQL/MariaDB or SQLite. */
const sqlProbe: Probe<SqlConfig> = {
  name: "sql",
  configSchema: sqlConfigSchema,
  observables: sqlObservables,
  checkTarget(name, target) {
    try {
      resolveDatabase(name, { targets: { [name]: target }, baseDir: "." });
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  },
  checkRequested(config, requested) {
    try {
      planSql(config, requested, 1000);
      return [];
    } catch (error) {
      return [(error as Error).message];
    }
  },
  loadRunner: () => import("./runner.js"),
};

export default sqlProbe;
