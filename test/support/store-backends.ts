import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { migrateStore, openStore } from "../../src/store/index.js";
import type { Store } from "../../src/store/store.js";
import { POSTGRES_URL, uniqueName } from "./db-context.js";

/** A fresh store of one backend, as its tests use it. */
export interface FreshStore {
  /** What `--store` takes. */
  location: string;
  /** Opens it as `openStore` does, as `user` (GONOGO_USER). */
  open(options?: { existing?: boolean; user?: string }): Promise<Store>;
  /** Applies the pending migrations as `gonogo migrate` does; the names applied. */
  migrate(user?: string): Promise<string[]>;
  drop(): Promise<void>;
}

export interface StoreBackendUnderTest {
  name: "sqlite" | "postgres";
  /** Opening the store applies its migrations (the embedded file); else `gonogo migrate` does. */
  migratesOnOpen: boolean;
  /** The backend's migrations, in order: what a new store's audit log lists. */
  migrations: string[];
  /**
   * A fresh store, migrated by `migratedBy` as `gonogo migrate` would (default "tester");
   * `empty`: no tables at all, as a new database or a file not yet opened.
   */
  create(options?: { empty?: boolean; migratedBy?: string }): Promise<FreshStore>;
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

/** A store at `location` as the CLI reaches it: `openStore` and `migrateStore` (gonogo migrate). */
async function freshAt(
  location: string,
  drop: () => Promise<void>,
  options: { empty?: boolean; migratedBy?: string },
): Promise<FreshStore> {
  const env = (user = "tester") => ({ GONOGO_USER: user });
  const fresh: FreshStore = {
    location,
    open: ({ existing = false, user } = {}) => openStore({ store: location, existing, env: env(user) }),
    migrate: async (user) => (await migrateStore({ store: location, env: env(user) })).applied,
    drop,
  };
  if (!options.empty) await fresh.migrate(options.migratedBy);
  return fresh;
}

const SQLITE: StoreBackendUnderTest = {
  name: "sqlite",
  migratesOnOpen: true,
  migrations: ["0001_runs", "0002_manual_evidence", "0003_audit_events"],
  create(options = {}) {
    const location = join(mkdtempSync(join(tmpdir(), "gonogo-store-")), "gonogo.db");
    return freshAt(location, async () => {}, options);
  },
};

const POSTGRES: StoreBackendUnderTest = {
  name: "postgres",
  migratesOnOpen: false,
  migrations: ["0001_runs", "0002_manual_evidence", "0003_audit_events", "0004_native_types"],
  async create(options = {}) {
    const name = uniqueName("gonogo_store");
    await adminQuery(`CREATE DATABASE ${name}`);
    const drop = () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    return freshAt(POSTGRES_URL.replace(/\/test$/, `/${name}`), drop, options);
  },
};

const ALL_BACKENDS = [SQLITE, POSTGRES];

/**
 * The backends the store tests run on: `GONOGO_STORE_BACKENDS=sqlite,postgres` names some (as
 * Kysely's suite takes DIALECTS), default all. A name that is no backend fails the run, so a typo
 * never passes by testing nothing.
 */
export function selectStoreBackends(list: string | undefined): StoreBackendUnderTest[] {
  if (list === undefined || list.trim() === "") return ALL_BACKENDS;
  const names = list.split(",").map((name) => name.trim());
  const unknown = names.filter((name) => !ALL_BACKENDS.some((b) => b.name === name));
  if (unknown.length > 0)
    throw new Error(
      `GONOGO_STORE_BACKENDS: no backend ${unknown.join(", ")} (known: ${ALL_BACKENDS.map((b) => b.name).join(", ")})`,
    );
  return ALL_BACKENDS.filter((b) => names.includes(b.name));
}

export const STORE_BACKENDS = selectStoreBackends(process.env.GONOGO_STORE_BACKENDS);
