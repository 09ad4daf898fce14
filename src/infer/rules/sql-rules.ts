import { words } from "../rule-helpers.js";
import type { Rule } from "../types.js";

/** The database: catalog counts, functions, extensions, a connection. */
export const SQL_RULES: readonly Rule[] = [
  {
    name: "sql-catalog",
    probe: "sql",
    summary: "'N+ tables / views / materialized views / functions (in schema s)' -> catalog counts",
    examples: ["All 15+ tables in `ai` schema exist", "3+ materialized views created and refreshed"],
    propose(facts) {
      const match = /(\d+)\+?\s+(materialized views|tables|views|functions)\b/i.exec(facts.text);
      if (!match) return null;
      const observable = {
        "materialized views": "matviews",
        tables: "tables",
        views: "views",
        functions: "functions",
      }[(match[2] ?? "").toLowerCase() as "tables"];
      const schema = /\bin (?:the )?(\w+) schema\b/i.exec(facts.text)?.[1] ?? facts.schema;
      const call = schema ? `${observable}(${schema})` : observable;
      return {
        config: { target: "db" },
        expect: [`${call} >= ${match[1]}`],
        confidence: schema ? 0.8 : 0.6,
        because: [match[0], ...(schema ? [`${schema} schema`] : [])],
      };
    },
  },
  {
    name: "sql-function",
    probe: "sql",
    summary: "a SQL function in code (`ai.assert_never_loss()`) -> call it, one row back",
    examples: ["Never-loss function `ai.assert_never_loss()` operational"],
    propose(facts) {
      const fn = facts.spans.find((s) => /^[a-z_][\w]*(?:\.[a-z_]\w*)?\(\)$/i.test(s));
      if (!fn || !/function|procedure/i.test(facts.text)) return null;
      return {
        config: { target: "db", query: `select ${fn}` },
        expect: ["rows == 1"],
        confidence: 0.6,
        because: [fn, ...words(facts, /function|procedure/i)],
      };
    },
  },
  {
    name: "sql-extension",
    probe: "sql",
    summary: "'<name> extension installed' -> the Postgres extension is in pg_extension",
    examples: ["pgvector extension installed"],
    propose(facts) {
      const match = /\b([\w-]+) extension (?:is )?(?:installed|enabled|created)/i.exec(facts.text);
      if (!match?.[1]) return null;
      const name = match[1].toLowerCase() === "pgvector" ? "vector" : match[1].toLowerCase();
      return {
        config: { target: "db", query: `select extname from pg_extension where extname = '${name}'` },
        expect: ["rows == 1"],
        confidence: 0.8,
        because: [match[0]],
      };
    },
  },
  {
    name: "db-connection",
    probe: "sql",
    summary: "database connection tested / healthy -> select 1",
    examples: ["Database connection tested", "Database connection healthy"],
    propose(facts) {
      const pattern = /\b(?:database|db) (?:connection|connectivity)\b|\bdatabase (?:is )?reachable\b/i;
      if (!pattern.test(facts.text) || /pool/i.test(facts.text)) return null;
      return {
        config: { target: "db", query: "select 1" },
        expect: ["value == 1"],
        confidence: 0.7,
        because: words(facts, pattern),
      };
    },
  },
];
