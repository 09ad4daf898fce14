import type { Kysely } from "kysely";
import type { Store } from "../store.js";
import type { Database } from "../tables.js";

export type SessionsRepository = Pick<Store, "addSession" | "findSession" | "deleteSession">;

/**
 * Browser sessions by the hash of their id. Not audited: signing in and out changes no right (the
 * token it was opened with does). Expired rows are dropped whenever a session is added, so the
 * table holds no more than the sessions live in the last TTL.
 */
export function sessionsRepository(db: Kysely<Database>): SessionsRepository {
  return {
    async addSession(session) {
      await db.deleteFrom("sessions").where("expires_at", "<=", session.createdAt).execute();
      await db
        .insertInto("sessions")
        .values({
          id_hash: session.idHash,
          token_prefix: session.tokenPrefix,
          created_at: session.createdAt,
          expires_at: session.expiresAt,
        })
        .execute();
    },
    async findSession(idHash, now) {
      const row = await db
        .selectFrom("sessions")
        .selectAll()
        .where("id_hash", "=", idHash)
        .where("expires_at", ">", now)
        .executeTakeFirst();
      return row
        ? {
            idHash: row.id_hash,
            tokenPrefix: row.token_prefix,
            createdAt: row.created_at,
            expiresAt: row.expires_at,
          }
        : undefined;
    },
    async deleteSession(idHash) {
      await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
    },
  };
}
