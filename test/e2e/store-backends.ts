import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { POSTGRES_URL, uniqueName } from "../support/db-context.js";

/** A fresh, empty store per backend: a temp SQLite file, or a Postgres database of its own. */
export interface FreshStore {
  location: string;
  drop(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export const STORE_BACKENDS: { name: string; create(): Promise<FreshStore> }[] = [
  {
    name: "sqlite",
    async create() {
      const location = join(mkdtempSync(join(tmpdir(), "gonogo-store-")), "runs.db");
      return { location, drop: async () => {} };
    },
  },
  {
    name: "postgres",
    async create() {
      const name = uniqueName("gonogo_e2e");
      await adminQuery(`CREATE DATABASE ${name}`);
      return {
        location: POSTGRES_URL.replace(/\/test$/, `/${name}`),
        drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      };
    },
  },
];
