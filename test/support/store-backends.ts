import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { Kysely } from "kysely";
import { afterAll, beforeAll } from "vitest";
import { migrateStore, openStore } from "../../src/store/index.js";
import { migratePostgresDatabase, openPostgresDatabase } from "../../src/store/postgres/postgres-store.js";
import { storeTextParsers } from "../../src/store/postgres/postgres-types.js";
import type { Store, StoreBackend } from "../../src/store/store.js";
import type { Database } from "../../src/store/tables.js";
import { POSTGRES_URL, postgresAdmin, uniqueName } from "./db-context.js";
import { pgliteDialect } from "./pglite-dialect.js";

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
  name: "sqlite" | "postgres" | "pglite";
  /** What `Store#backend` says: PGlite is Postgres. */
  storeBackend: StoreBackend;
  /** The CLI can name it (`--store`); PGlite lives in the test's own process. */
  cli: boolean;
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
  storeBackend: "sqlite",
  cli: true,
  migratesOnOpen: true,
  migrations: [
    "0001_runs",
    "0002_manual_evidence",
    "0003_audit_events",
    "0004_api_tokens",
    "0005_sessions",
    "0006_run_indexes",
    "0007_job_runs",
    "0008_notifications",
    "0009_rollouts",
    "0010_latest_runs",
    "0011_gate_states",
  ],
  create(options = {}) {
    const location = join(mkdtempSync(join(tmpdir(), "gonogo-store-")), "gonogo.db");
    return freshAt(location, async () => {}, options);
  },
};

const POSTGRES: StoreBackendUnderTest = {
  name: "postgres",
  storeBackend: "postgres",
  cli: true,
  migratesOnOpen: false,
  migrations: [
    "0001_runs",
    "0002_manual_evidence",
    "0003_audit_events",
    "0004_native_types",
    "0005_api_tokens",
    "0006_sessions",
    "0007_run_indexes",
    "0008_job_runs",
    "0009_notifications",
    "0010_rollouts",
    "0011_latest_runs",
    "0012_gate_states",
  ],
  async create(options = {}) {
    const name = uniqueName("gonogo_store");
    await postgresAdmin(`CREATE DATABASE ${name}`);
    const drop = () => postgresAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    return freshAt(POSTGRES_URL.replace(/\/test$/, `/${name}`), drop, options);
  },
};

/** One PGlite for the stores of a test file, each in a schema of its own: starting one takes seconds. */
let sharedPglite: { started: Promise<PGlite>; users: number } | undefined;

async function usePglite(): Promise<{ pglite: PGlite; release(): Promise<void> }> {
  sharedPglite ??= {
    users: 0,
    started: import("@electric-sql/pglite").then(
      ({ PGlite }) => new PGlite({ parsers: storeTextParsers((text) => new Date(text)) }),
    ),
  };
  const shared = sharedPglite;
  shared.users += 1;
  const pglite = await shared.started;
  return {
    pglite,
    async release() {
      shared.users -= 1;
      if (shared.users > 0) return;
      if (sharedPglite === shared) sharedPglite = undefined;
      await pglite.close();
    },
  };
}

/**
 * Postgres compiled to WebAssembly, in this process: the Postgres schema, migrations and queries
 * without a server. Opened as `openStore` opens a Postgres URL, past the connection.
 */
const PGLITE: StoreBackendUnderTest = {
  name: "pglite",
  storeBackend: "postgres",
  cli: false,
  migratesOnOpen: false,
  migrations: POSTGRES.migrations,
  async create(options = {}) {
    const { pglite, release } = await usePglite();
    const schema = uniqueName("gonogo_store");
    await pglite.exec(`create schema ${schema}`);
    const location = `pglite:${schema}`;
    const connect = () => new Kysely<Database>({ dialect: pgliteDialect(pglite, schema) });
    const fresh: FreshStore = {
      location,
      open: ({ existing = false, user = "tester" } = {}) =>
        openPostgresDatabase(connect(), { location, migrateHint: location }, user, existing),
      async migrate(user = "tester") {
        const db = connect();
        try {
          return await migratePostgresDatabase(db, location, user);
        } finally {
          await db.destroy();
        }
      },
      async drop() {
        await pglite.exec(`drop schema ${schema} cascade`);
        await release();
      },
    };
    if (!options.empty) await fresh.migrate(options.migratedBy);
    return fresh;
  },
};

const ALL_BACKENDS = [SQLITE, POSTGRES, PGLITE];

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

/** The selected backends a spawned `gonogo` can reach with `--store`. */
export const CLI_STORE_BACKENDS = STORE_BACKENDS.filter((b) => b.cli);

/**
 * A fresh store of `backend` for the enclosing describe block: created before its tests, closed
 * and dropped after. `fresh.store` is set once `beforeAll` has run.
 */
export function useFreshStore(backend: StoreBackendUnderTest): {
  readonly store: Store;
  /** Another connection to the same store (as another gonogo process has); the caller closes it. */
  open(): Promise<Store>;
} {
  let fresh: FreshStore | undefined;
  let store: Store | undefined;
  beforeAll(async () => {
    fresh = await backend.create();
    store = await fresh.open();
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await fresh?.drop();
  });
  return {
    get store(): Store {
      if (!store) throw new Error(`the ${backend.name} store is not open yet (used outside a test?)`);
      return store;
    },
    open() {
      if (!fresh) throw new Error(`the ${backend.name} store is not created yet (used outside a test?)`);
      return fresh.open();
    },
  };
}
