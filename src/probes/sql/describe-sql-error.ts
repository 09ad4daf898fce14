import { createRedactor } from "../../redact/create-redactor.js";
import type { Deadline } from "../shared/deadline.js";
import { describeNetworkError } from "../shared/network-error.js";

type Cause = "auth" | "database" | "syntax" | "read-only" | "timeout" | "file";

/** What each driver's codes mean: Postgres SQLSTATEs, MySQL/MariaDB errnos, SQLite result codes. */
const CAUSE_BY_CODE: Record<string, Cause> = {
  "57014": "timeout", // query_canceled (statement_timeout)
  "1969": "timeout", // MariaDB: max_statement_time exceeded
  "3024": "timeout", // MySQL: maximum statement execution time exceeded
  "25006": "read-only", // read_only_sql_transaction
  "1792": "read-only", // cannot execute statement in a READ ONLY transaction
  SQLITE_READONLY: "read-only",
  "42601": "syntax",
  "1064": "syntax",
  "28P01": "auth", // invalid_password
  "28000": "auth", // invalid_authorization_specification (unknown role)
  "1045": "auth", // access denied
  "3D000": "database", // invalid_catalog_name
  "1049": "database", // unknown database
  SQLITE_CANTOPEN: "file",
};

const WORDS: Record<Cause, (message: string, deadline: Deadline) => string> = {
  timeout: (_message, deadline) => `${deadline.timeoutMessage} (the server cancelled the query)`,
  "read-only": (message) => `the check is read-only and the query tried to write: ${message}`,
  syntax: (message) => `SQL syntax error: ${message}`,
  auth: (message) => `authentication failed: ${message}`,
  database: (message) => `unknown database: ${message}`,
  file: (message) => `cannot open the database file: ${message}`,
};

interface DriverError {
  message: string;
  code?: unknown;
  errno?: unknown;
  sqlState?: unknown;
}

/**
 * The cause of a failed query in words, with every secret masked: "SQL syntax error: …",
 * "authentication failed: …", "timed out after 2s (the server cancelled the query)".
 */
export function describeSqlError(error: unknown, deadline: Deadline, secrets: string[]): string {
  return createRedactor(secrets, "****")(describe(error, deadline));
}

function describe(error: unknown, deadline: Deadline): string {
  if (deadline.signal.aborted) return deadline.reason();
  if (!(error instanceof Error)) return String(error);
  const { message, code, errno, sqlState } = error as DriverError;
  const codeText = typeof code === "string" ? code : "";
  const syntaxInSqlite = codeText === "SQLITE_ERROR" && /syntax error/.test(message);
  const cause =
    CAUSE_BY_CODE[codeText] ?? CAUSE_BY_CODE[String(errno)] ?? (syntaxInSqlite ? "syntax" : undefined);
  if (cause) return WORDS[cause](message, deadline);
  // A database's own error keeps its code for lookup. A SQLSTATE is five characters with a digit
  // ("42P01"), which tells it from Node's system codes ("EPIPE").
  if (/^(?=.*\d)[0-9A-Z]{5}$/.test(codeText)) return `${message} (SQLSTATE ${codeText})`;
  if (sqlState !== undefined || codeText.startsWith("SQLITE_"))
    return `${message} (${codeText || String(errno)})`;
  return describeNetworkError(error, deadline);
}
