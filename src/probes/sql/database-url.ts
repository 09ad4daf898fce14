import path from "node:path";
import { fileURLToPath } from "node:url";
import { GonogoError } from "../../core/errors.js";
import { redactUrl } from "../shared/redact-url.js";
import type { ProbeContext } from "../types.js";

export type Dialect = "postgres" | "mysql" | "sqlite";

/** Where a check's database is and how to name it in messages without its password. */
export interface DatabaseSpec {
  dialect: Dialect;
  /** The connection URL (Postgres, MySQL) or the absolute path of the database file (SQLite). */
  location: string;
  /** `db (postgres://app:****@db:5432/app)`: the target's name and its URL, password masked. */
  label: string;
  /** The URL's password as written and decoded: scrubbed from every message, whatever the driver says. */
  secrets: string[];
}

const SCHEMES: Record<string, Dialect> = {
  "postgres:": "postgres",
  "postgresql:": "postgres",
  "mysql:": "mysql",
  "mariadb:": "mysql",
};

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The database a target names: `postgres://`, `postgresql://`, `mysql://`, `mariadb://`, or a SQLite
 * file as `sqlite:data/app.db`, `sqlite:///abs/app.db`, `file:///abs/app.db`, a bare path in `url`,
 * or the target's `path`. Relative files resolve against the checklist's folder.
 */
export function resolveDatabase(
  targetName: string,
  ctx: Pick<ProbeContext, "targets" | "baseDir">,
): DatabaseSpec {
  const target = ctx.targets[targetName];
  if (target === undefined) {
    throw new GonogoError("config", `sql: unknown target "${targetName}"`, [
      `known targets: ${Object.keys(ctx.targets).join(", ") || "(none)"}`,
    ]);
  }
  const url = target.url;
  if (url === undefined) {
    if (target.path === undefined) throw new GonogoError("config", `sql: target "${targetName}" has no url`);
    return sqliteFile(targetName, path.resolve(ctx.baseDir, target.path));
  }
  if (!HAS_SCHEME.test(url)) return sqliteFile(targetName, path.resolve(ctx.baseDir, url));
  const scheme = (url.match(HAS_SCHEME)?.[0] ?? "").toLowerCase();
  if (scheme === "sqlite:") return sqliteFile(targetName, path.resolve(ctx.baseDir, sqlitePath(url)));
  if (scheme === "file:" && URL.canParse(url)) return sqliteFile(targetName, fileURLToPath(url));
  const dialect = SCHEMES[scheme];
  if (dialect === undefined || !URL.canParse(url)) {
    throw new GonogoError("config", `sql: target "${targetName}" is not a database URL: ${redactUrl(url)}`, [
      "write postgres://, postgresql://, mysql://, mariadb://, sqlite:<path> or a file path",
    ]);
  }
  const password = new URL(url).password;
  return {
    dialect,
    location: url,
    label: `${targetName} (${redactUrl(url)})`,
    secrets: password === "" ? [] : [password, safeDecode(password)],
  };
}

/** `sqlite:data/app.db` -> `data/app.db`; `sqlite:///abs/app.db` -> `/abs/app.db` (the `//` of an empty host). */
function sqlitePath(url: string): string {
  const rest = url.slice("sqlite:".length);
  return rest.startsWith("//") ? rest.slice(2) : rest;
}

function sqliteFile(targetName: string, file: string): DatabaseSpec {
  return { dialect: "sqlite", location: file, label: `${targetName} (sqlite:${file})`, secrets: [] };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
