/** The local Postgres as its superuser, for the benches that make and drop a database of their own. */
import pg from "pg";

export const ADMIN = "postgres://postgres@127.0.0.1:5432/postgres";

/** Runs one statement (CREATE / DROP DATABASE) on its own connection. */
export async function admin(sql) {
  const client = new pg.Client(ADMIN);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
