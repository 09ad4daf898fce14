import { migrateStore } from "../../store/index.js";

export interface MigrateOptions {
  store?: string;
}

/**
 * `gonogo migrate`: brings a store's schema up to date, the explicit step a shared (Postgres)
 * database needs before gonogo opens it. Prints each migration it applied, then where the store
 * stands; run again, it applies nothing and still exits 0.
 */
export async function runMigrate(options: MigrateOptions): Promise<number> {
  const { location, applied } = await migrateStore(options.store ? { store: options.store } : {});
  const count = `${applied.length} migration${applied.length === 1 ? "" : "s"}`;
  const outcome = applied.length === 0 ? "up to date, nothing to apply" : `${count} applied, up to date`;
  process.stdout.write(
    `${applied.map((name) => `applied ${name}\n`).join("")}store ${location}: ${outcome}\n`,
  );
  return 0;
}
