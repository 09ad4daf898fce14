import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbContext } from "../../../test/support/db-context.js";
import { GAVE_UP_WITHIN_MS } from "../../../test/support/timing.js";
import sqlProbe from "./index.js";
import { run as runSql } from "./runner.js";

let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gonogo-sql-"));
  file = path.join(dir, "app.db");
  const db = new Database(file);
  db.exec(`
    CREATE TABLE floor_audit (id INTEGER PRIMARY KEY, violated BOOLEAN, amount REAL, label TEXT, big INTEGER);
    INSERT INTO floor_audit VALUES (1, 1, 12.5, 'one', 9007199254740993), (2, 1, 3, NULL, 42), (3, 0, NULL, 'three', NULL);
    CREATE TABLE other (id INTEGER);
    CREATE VIEW violations AS SELECT id FROM floor_audit WHERE violated;`);
  db.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function probe(config: object, requested: string[] = [], url?: string, timeoutMs = 5000) {
  const target = url === undefined ? { path: "app.db" } : { url };
  const ctx = dbContext({ targets: { db: target }, requested, timeoutMs, baseDir: dir });
  return runSql(sqlProbe.configSchema.parse({ target: "db", ...config }), ctx);
}

describe("sql probe on SQLite", () => {
  it("reads a target's path, a sqlite: URL or a file: URL, and binds params", async () => {
    for (const url of [undefined, "sqlite:app.db", `sqlite://${file}`, `file://${file}`, "./app.db"]) {
      const result = await probe(
        { query: "select count(*) from floor_audit where violated = ?", params: [true] },
        [],
        url,
      );
      expect(result.error).toBeUndefined();
      expect(result.observations).toMatchObject({ rows: 1, value: 2, duration: { unit: "ms" } });
      expect(result.evidence).toMatchObject({ target: `db (sqlite:${file})`, dialect: "sqlite" });
    }
  });

  it("reads the columns of the first row, a huge integer as text", async () => {
    const result = await probe(
      { query: "select * from floor_audit where id >= ? order by id", params: [1] },
      ["column.label", "column.amount", "column.big", "column.nothing"],
    );
    expect(result.observations).toMatchObject({
      rows: 3,
      value: 1,
      "column.label": "one",
      "column.amount": 12.5,
      "column.big": "9007199254740993",
      "column.nothing": null,
    });
  });

  it("counts tables and views of main; stored functions are absent", async () => {
    const result = await probe({}, [
      "tables(main)",
      "views(main)",
      "tables",
      "functions(main)",
      "tables(other)",
    ]);
    expect(result.observations).toEqual({
      "tables(main)": 2,
      "views(main)": 1,
      tables: 2,
      "functions(main)": null,
      "tables(other)": 0,
    });
    expect(result.evidence).toMatchObject({
      absent: { "functions(main)": "SQLite has no stored functions" },
      missingSchemas: ["other"],
    });
  });

  it("opens the file read-only, and rolls back a check that may write", async () => {
    const insert = await probe({ query: "insert into other values (1)" });
    expect(insert.error).toBe(
      `db (sqlite:${file}): the check is read-only and the query tried to write: attempt to write a readonly database`,
    );
    const writable = await probe({ query: "insert into other values (1)", read_only: false });
    expect(writable.error).toBeUndefined();
    const after = await probe({ query: "select count(*) from other" });
    expect(after.observations.value).toBe(0);
  });

  it("kills a query that runs forever at the check's timeout", async () => {
    const started = performance.now();
    const forever = "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c";
    const result = await probe({ query: forever }, [], undefined, 1000);
    expect(result.error).toBe(`db (sqlite:${file}): timed out after 1s`);
    expect(performance.now() - started).toBeLessThan(GAVE_UP_WITHIN_MS);
  });

  it("names a syntax error, a second statement and a missing file", async () => {
    const syntax = await probe({ query: "selec 1" });
    expect(syntax.error).toBe(`db (sqlite:${file}): SQL syntax error: near "selec": syntax error`);
    const two = await probe({ query: "select 1; delete from other" });
    expect(two.error).toMatch(/more than one statement/);
    const missing = await probe({ query: "select 1" }, [], "sqlite:nope.db");
    expect(missing.error).toBe(
      `db (sqlite:${path.join(dir, "nope.db")}): cannot open the database file: unable to open database file`,
    );
  });
});
