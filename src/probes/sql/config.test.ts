import { describe, expect, it } from "vitest";
import { ref } from "../../../test/support/db-context.js";
import { GonogoError } from "../../core/errors.js";
import sqlProbe from "./index.js";
import { planSql } from "./plan.js";

const parse = (config: unknown) => sqlProbe.configSchema.safeParse(config);

describe("sql config", () => {
  it("needs a target; query, params and read_only are optional", () => {
    expect(parse({ target: "db" }).data).toEqual({ target: "db", params: [], read_only: true });
    expect(
      parse({ target: "db", query: "select $1", params: [1, "a", true, null], read_only: false }).success,
    ).toBe(true);
    expect(parse({}).success).toBe(false);
  });

  it("rejects unknown keys, an empty query and params without a query", () => {
    expect(parse({ target: "db", url: "postgres://x" }).success).toBe(false);
    expect(parse({ target: "db", query: "  " }).success).toBe(false);
    expect(parse({ target: "db", params: [1] }).error?.issues.map((issue) => issue.message)).toEqual([
      "`params` needs a `query`",
    ]);
  });

  it("plans one catalog count per schema observable, the default schema without an argument", () => {
    const config = sqlProbe.configSchema.parse({ target: "db" });
    const plan = planSql(config, ["tables(ai)", "views(ai)", "tables", "tables(ai)"].map(ref), 1000);
    expect(plan.catalog).toEqual([
      { key: "tables(ai)", kind: "tables", schema: "ai" },
      { key: "views(ai)", kind: "views", schema: "ai" },
      { key: "tables", kind: "tables", schema: null },
    ]);
    expect(() => planSql(config, [ref("tables(a, b)")], 1000)).toThrow(GonogoError);
    expect(() => planSql(config, [ref("column.total")], 1000)).toThrow(
      "sql: `column.total` needs a `query:` in the check",
    );
  });
});
