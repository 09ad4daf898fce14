import { createServer } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort, dbContext, POSTGRES_URL, uniqueName } from "../../../test/support/db-context.js";
import { listenLocally } from "../../../test/support/local-server.js";
import { GAVE_UP_WITHIN_MS } from "../../../test/support/timing.js";
import type { ProbeResult } from "../types.js";
import sqlProbe from "./index.js";
import { run as runSql } from "./runner.js";

const schema = uniqueName();
const admin = new pg.Client({ connectionString: POSTGRES_URL });

beforeAll(async () => {
  await admin.connect();
  await admin.query(`
    CREATE SCHEMA ${schema};
    CREATE TABLE ${schema}.floor_audit (id int PRIMARY KEY, violated boolean, amount numeric(10, 2),
      at timestamptz, day date, naive timestamp, big bigint, label text);
    INSERT INTO ${schema}.floor_audit VALUES
      (1, true, 12.50, '2024-05-01 10:00:00+02', '2024-05-01', '2024-05-01 10:00:00', 9007199254740993, 'one'),
      (2, true, 3, '2024-05-02 00:00:00Z', '2024-05-02', '2024-05-02 08:30:00', 42, NULL),
      (3, false, NULL, NULL, NULL, NULL, NULL, 'three');
    CREATE TABLE ${schema}.other (id int);
    CREATE TABLE ${schema}.parted (id int) PARTITION BY RANGE (id);
    CREATE TABLE ${schema}.parted_low PARTITION OF ${schema}.parted FOR VALUES FROM (0) TO (10);
    CREATE VIEW ${schema}.violations AS SELECT id FROM ${schema}.floor_audit WHERE violated;
    CREATE MATERIALIZED VIEW ${schema}.totals AS SELECT sum(amount) AS total FROM ${schema}.floor_audit;
    CREATE FUNCTION ${schema}.answer() RETURNS int LANGUAGE sql AS 'SELECT 42';`);
});
afterAll(async () => {
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
});

async function probe(config: object, requested: string[] = [], url = POSTGRES_URL, timeoutMs = 5000) {
  const ctx = dbContext({ targets: { db: { url } }, requested, timeoutMs });
  return runSql(sqlProbe.configSchema.parse({ target: "db", ...config }), ctx);
}

describe("sql probe on Postgres", () => {
  it("reports rows, the first value as a number, and the duration", async () => {
    const result = await probe({ query: `select count(*) from ${schema}.floor_audit where violated` });
    expect(result.error).toBeUndefined();
    expect(result.observations).toMatchObject({ rows: 1, value: 2, duration: { unit: "ms" } });
    expect(result.evidence).toMatchObject({
      target: `db (${POSTGRES_URL})`,
      dialect: "postgres",
      readOnly: true,
    });
  });

  it("binds params and reads each column of the first row by its type", async () => {
    const columns = ["label", "amount", "at", "day", "naive", "big", "violated", "nothing"];
    const result = await probe(
      { query: `select * from ${schema}.floor_audit where id = $1 or id = $2 order by id`, params: [1, "2"] },
      columns.map((name) => `column.${name}`),
    );
    expect(result.error).toBeUndefined();
    expect(result.observations).toMatchObject({
      rows: 2,
      value: 1,
      "column.label": "one",
      "column.amount": 12.5,
      "column.at": "2024-05-01T08:00:00.000Z",
      "column.day": "2024-05-01",
      "column.naive": "2024-05-01T10:00:00",
      "column.big": "9007199254740993",
      "column.violated": true,
      "column.nothing": null,
    });
    expect(result.evidence?.absent).toMatchObject({
      "column.nothing": expect.stringMatching(
        /^the query has no column "nothing" \(columns: id, violated, amount/,
      ),
    });
  });

  it("reports a NULL or a missing first row as absent, with the reason", async () => {
    const nulls = await probe({ query: `select label from ${schema}.floor_audit where id = 2` });
    expect(nulls.observations.value).toBeNull();
    expect(nulls.evidence?.absent).toEqual({ value: "the first row's label column is NULL" });
    const none = await probe({ query: `select label from ${schema}.floor_audit where id = 99` });
    expect(none.observations).toMatchObject({ rows: 0, value: null });
    expect(none.evidence?.absent).toEqual({ value: "the query returned no rows" });
  });

  it("counts tables, views, materialized views and functions of a schema", async () => {
    const names = ["tables", "views", "matviews", "functions"].map((kind) => `${kind}(${schema})`);
    const result = await probe({}, [...names, "tables(no_such_schema_gonogo)", "tables"]);
    expect(result.error).toBeUndefined();
    expect(result.observations).toMatchObject({
      [`tables(${schema})`]: 3,
      [`views(${schema})`]: 2,
      [`matviews(${schema})`]: 1,
      [`functions(${schema})`]: 1,
      "tables(no_such_schema_gonogo)": 0,
    });
    expect(typeof result.observations.tables).toBe("number");
    expect(result.evidence?.missingSchemas).toEqual(["no_such_schema_gonogo"]);
  });

  it("refuses to write, in one statement or by smuggling a second one", async () => {
    const insert = await probe({ query: `insert into ${schema}.other values (1)` });
    expect(insert.error).toMatch(
      /^db \(.*\): the check is read-only and the query tried to write: cannot execute INSERT in a read-only transaction$/,
    );
    const smuggled = await probe({ query: `select 1; commit; insert into ${schema}.other values (1)` });
    expect(smuggled.error).toMatch(/cannot insert multiple commands into a prepared statement/);
    const writable = await probe({
      query: `insert into ${schema}.other values (1) returning id`,
      read_only: false,
    });
    expect(writable.observations).toMatchObject({ rows: 1, value: 1 });
    const count = await admin.query(`select count(*)::int as n from ${schema}.other`);
    expect(count.rows[0].n).toBe(0);
  });

  it("bounds a query that runs forever by the check's timeout", async () => {
    const started = performance.now();
    const result = await probe({ query: "select pg_sleep(30)" }, [], POSTGRES_URL, 1000);
    expect(result.error).toMatch(/^db \(.*\): timed out after 1s/);
    expect(performance.now() - started).toBeLessThan(GAVE_UP_WITHIN_MS);
  });

  it("names a syntax error and an unknown database", async () => {
    const syntax = await probe({ query: "selec 1" });
    expect(syntax.error).toBe(`db (${POSTGRES_URL}): SQL syntax error: syntax error at or near "selec"`);
    const url = "postgres://postgres@127.0.0.1:5432/gonogo_no_such_db";
    const database = await probe({ query: "select 1" }, [], url);
    expect(database.error).toBe(`db (${url}): unknown database: database "gonogo_no_such_db" does not exist`);
  });

  it("names bad credentials and a down server without ever showing the password", async () => {
    const password = "S3cret-Pa55word";
    const rejected = await probe(
      { query: "select 1" },
      [],
      `postgres://gonogo_nobody:${password}@127.0.0.1:5432/test`,
    );
    expect(rejected.error).toBe(
      'db (postgres://gonogo_nobody:****@127.0.0.1:5432/test): authentication failed: role "gonogo_nobody" does not exist',
    );
    const port = await closedPort();
    const down = await probe({ query: "select 1" }, [], `postgres://app:${password}@127.0.0.1:${port}/test`);
    expect(down.error).toBe(`db (postgres://app:****@127.0.0.1:${port}/test): connection refused`);
    for (const result of [rejected, down] as ProbeResult[])
      expect(JSON.stringify(result)).not.toContain(password);
  });

  it("throws a config error when a query observable has no query", async () => {
    await expect(probe({}, ["rows"])).rejects.toMatchObject({
      kind: "config",
      message: "sql: `rows` needs a `query:` in the check",
    });
  });
  it("gives up on a server that never answers at the timeout, and hangs up", async () => {
    const silent = await listenLocally(
      createServer((socket) => socket.resume()),
      "postgres",
    );
    const started = performance.now();
    const result = await probe({ query: "select 1" }, [], `${silent.url}/test`, 500);
    expect(result.error).toBe(`db (${silent.url}/test): timed out after 500ms`);
    expect(performance.now() - started).toBeLessThan(GAVE_UP_WITHIN_MS);
    await silent.waitForNoConnections();
    await silent.close();
  });
});
