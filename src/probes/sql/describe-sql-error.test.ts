import { afterEach, describe, expect, it } from "vitest";
import { type Deadline, startDeadline } from "../shared/deadline.js";
import { describeSqlError } from "./describe-sql-error.js";

const coded = (message: string, fields: object) => Object.assign(new Error(message), fields);
let deadline: Deadline;
afterEach(() => deadline.dispose());

describe("describeSqlError", () => {
  it("says what each driver's codes mean", () => {
    deadline = startDeadline({ signal: new AbortController().signal, timeoutMs: 2000 });
    const said = (error: unknown) => describeSqlError(error, deadline, []);
    expect(said(coded("canceling statement due to statement timeout", { code: "57014" }))).toBe(
      "timed out after 2s (the server cancelled the query)",
    );
    expect(
      said(coded("Query execution was interrupted (max_statement_time exceeded)", { errno: 1969 })),
    ).toBe("timed out after 2s (the server cancelled the query)");
    expect(said(coded("attempt to write a readonly database", { code: "SQLITE_READONLY" }))).toBe(
      "the check is read-only and the query tried to write: attempt to write a readonly database",
    );
    expect(said(coded('relation "x" does not exist', { code: "42P01" }))).toBe(
      'relation "x" does not exist (SQLSTATE 42P01)',
    );
    expect(said(coded("no such table: x", { code: "SQLITE_ERROR" }))).toBe("no such table: x (SQLITE_ERROR)");
    expect(said(coded("connect ECONNREFUSED 127.0.0.1:1", { code: "ECONNREFUSED" }))).toBe(
      "connection refused",
    );
  });

  it("masks every secret, and says aborted or timed out once the deadline has fired", () => {
    deadline = startDeadline({ signal: AbortSignal.abort(), timeoutMs: 2000 });
    expect(describeSqlError(new Error("x"), deadline, [])).toBe("aborted");
    deadline.dispose();
    deadline = startDeadline({ signal: new AbortController().signal, timeoutMs: 2000 });
    const error = new Error('bad URL "postgres://u:hunter2@db" (hunter2)');
    expect(describeSqlError(error, deadline, ["hunter2"])).toBe('bad URL "postgres://u:****@db" (****)');
  });
});
