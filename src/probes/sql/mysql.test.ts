import { createServer } from "node:net";
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort, dbContext, MYSQL_URL, uniqueName } from "../../../test/support/db-context.js";
import { listenLocally } from "../../../test/support/local-server.js";
import { GAVE_UP_WITHIN_MS } from "../../../test/support/timing.js";
import sqlProbe from "./index.js";
import { run as runSql } from "./runner.js";

const database = uniqueName();
const user = uniqueName("gonogo_user");
const url = `mysql://root@127.0.0.1:3306/${database}`;
let admin: mysql.Connection;

beforeAll(async () => {
  admin = await mysql.createConnection({ uri: MYSQL_URL, multipleStatements: true });
  await admin.query(`
    SET time_zone = '+00:00';
    CREATE DATABASE ${database};
    CREATE TABLE ${database}.floor_audit (id INT PRIMARY KEY, violated BOOLEAN, amount DECIMAL(10, 2),
      at TIMESTAMP NULL, day DATE, naive DATETIME, big BIGINT, label VARCHAR(20));
    INSERT INTO ${database}.floor_audit VALUES
      (1, true, 12.50, '2024-05-01 08:00:00', '2024-05-01', '2024-05-01 10:00:00', 9007199254740993, 'one'),
      (2, true, 3, '2024-05-02 00:00:00', '2024-05-02', '2024-05-02 08:30:00', 42, NULL),
      (3, false, NULL, NULL, NULL, NULL, NULL, 'three');
    CREATE TABLE ${database}.other (id INT);
    CREATE VIEW ${database}.violations AS SELECT id FROM ${database}.floor_audit WHERE violated;
    CREATE FUNCTION ${database}.answer() RETURNS INT DETERMINISTIC RETURN 42;
    CREATE USER '${user}'@'127.0.0.1' IDENTIFIED BY 'right-password';
    CREATE USER '${user}'@'localhost' IDENTIFIED BY 'right-password';`);
});
afterAll(async () => {
  await admin.query(
    `DROP DATABASE IF EXISTS ${database}; DROP USER IF EXISTS '${user}'@'127.0.0.1', '${user}'@'localhost';`,
  );
  await admin.end();
});

async function probe(config: object, requested: string[] = [], target = url, timeoutMs = 5000) {
  const ctx = dbContext({ targets: { db: { url: target } }, requested, timeoutMs });
  return runSql(sqlProbe.configSchema.parse({ target: "db", ...config }), ctx);
}

describe("sql probe on MariaDB", () => {
  it("reports rows, a count as a number, and binds params", async () => {
    const count = await probe({
      query: "select count(*) from floor_audit where violated = ?",
      params: [true],
    });
    expect(count.error).toBeUndefined();
    expect(count.observations).toMatchObject({ rows: 1, value: 2, duration: { unit: "ms" } });
    expect(count.evidence).toMatchObject({ dialect: "mysql", readOnly: true });
    const sum = await probe({ query: "select sum(amount) from floor_audit" });
    expect(sum.observations.value).toBe(15.5);
  });

  it("reads each column of the first row by its type", async () => {
    const columns = ["label", "amount", "at", "day", "naive", "big", "violated", "nothing"];
    const result = await probe(
      { query: "select * from floor_audit where id in (?, ?) order by id", params: [1, "2"] },
      columns.map((name) => `column.${name}`),
    );
    expect(result.error).toBeUndefined();
    expect(result.observations).toMatchObject({
      rows: 2,
      "column.label": "one",
      "column.amount": 12.5,
      "column.at": "2024-05-01T08:00:00.000Z",
      "column.day": "2024-05-01",
      "column.naive": "2024-05-01T10:00:00",
      "column.big": "9007199254740993",
      "column.violated": 1,
      "column.nothing": null,
    });
  });

  it("counts tables, views and functions; a database is a schema", async () => {
    const names = ["tables", "views", "functions", "matviews"].map((kind) => `${kind}(${database})`);
    const result = await probe({}, [...names, "tables", "tables(gonogo_no_such_db)"]);
    expect(result.error).toBeUndefined();
    expect(result.observations).toMatchObject({
      [`tables(${database})`]: 2,
      [`views(${database})`]: 1,
      [`functions(${database})`]: 1,
      [`matviews(${database})`]: null,
      tables: 2,
      "tables(gonogo_no_such_db)": 0,
    });
    expect(result.evidence).toMatchObject({
      absent: { [`matviews(${database})`]: "MySQL and MariaDB have no materialized views" },
      missingSchemas: ["gonogo_no_such_db"],
    });
  });

  it("refuses writes and DDL, and rolls back a check that may write", async () => {
    const insert = await probe({ query: "insert into other values (1)" });
    expect(insert.error).toMatch(
      /^db \(.*\): the check is read-only and the query tried to write: Cannot execute statement in a READ ONLY transaction/,
    );
    // DDL commits the transaction it is in; the session's read-only default must stop it too.
    const drop = await probe({ query: "drop table other" });
    expect(drop.error).toMatch(/read-only and the query tried to write/);
    const smuggled = await probe({ query: "select 1; drop table other" });
    expect(smuggled.error).toMatch(/SQL syntax error/);
    const writable = await probe({ query: "insert into other values (1)", read_only: false });
    expect(writable.error).toBeUndefined();
    const [rows] = await admin.query<mysql.RowDataPacket[]>(`select count(*) as n from ${database}.other`);
    expect(rows[0]?.n).toBe(0);
  });

  it("bounds a query that runs forever by the check's timeout", async () => {
    const started = performance.now();
    const result = await probe({ query: "select sleep(30)" }, [], url, 1000);
    expect(result.error).toMatch(/^db \(.*\): timed out after 1s/);
    expect(performance.now() - started).toBeLessThan(GAVE_UP_WITHIN_MS);
    // Interrupted, BENCHMARK() returns a value rather than an error: it must still read as a timeout.
    const cpu = await probe({ query: "select benchmark(10000000000, md5('a'))" }, [], url, 1000);
    expect(cpu.error).toMatch(/^db \(.*\): timed out after 1s/);
  });

  it("names a syntax error and an unknown database", async () => {
    const syntax = await probe({ query: "selec 1" });
    expect(syntax.error).toMatch(
      /^db \(.*\): SQL syntax error: You have an error in your SQL syntax.*near 'selec 1'/,
    );
    const missing = "mysql://root@127.0.0.1:3306/gonogo_no_such_db";
    const unknown = await probe({ query: "select 1" }, [], missing);
    expect(unknown.error).toBe(`db (${missing}): unknown database: Unknown database 'gonogo_no_such_db'`);
  });

  it("names bad credentials and a down server without ever showing the password", async () => {
    const password = "Wr0ng-Pa55word";
    const rejected = await probe(
      { query: "select 1" },
      [],
      `mariadb://${user}:${password}@127.0.0.1:3306/${database}`,
    );
    expect(rejected.error).toMatch(
      new RegExp(
        `^db \\(mariadb://${user}:\\*\\*\\*\\*@127.0.0.1:3306/${database}\\): authentication failed: Access denied for user '${user}'`,
      ),
    );
    const port = await closedPort();
    const down = await probe({ query: "select 1" }, [], `mysql://root:${password}@127.0.0.1:${port}/test`);
    expect(down.error).toBe(`db (mysql://root:****@127.0.0.1:${port}/test): connection refused`);
    for (const result of [rejected, down]) expect(JSON.stringify(result)).not.toContain(password);
  });
  it("gives up on a server that never answers at the timeout, and hangs up", async () => {
    const silent = await listenLocally(
      createServer((socket) => socket.resume()),
      "mysql",
    );
    const started = performance.now();
    const result = await probe({ query: "select 1" }, [], `${silent.url}/test`, 500);
    expect(result.error).toBe(`db (${silent.url}/test): timed out after 500ms`);
    expect(performance.now() - started).toBeLessThan(GAVE_UP_WITHIN_MS);
    await silent.waitForNoConnections();
    await silent.close();
  });
});
