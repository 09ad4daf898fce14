import type { Kysely, Selectable, Transaction } from "kysely";
import { isAccessRole } from "../../core/access-role.js";
import { GonogoError } from "../../core/errors.js";
import type { ApiToken, Store, StoredApiToken } from "../store.js";
import type { Database } from "../tables.js";
import type { AuditRepository } from "./audit-repository.js";

export type ApiTokensRepository = Pick<
  Store,
  "addApiToken" | "listApiTokens" | "findApiToken" | "touchApiToken" | "revokeApiToken"
>;

type Row = Selectable<Database["api_tokens"]>;

function toStoredApiToken(row: Row): StoredApiToken {
  // Only gonogo writes this table; a role it does not know is a damaged row, never a guess.
  if (!isAccessRole(row.role))
    throw new GonogoError("unavailable", `API token "${row.name}" has an unknown role "${row.role}"`);
  return {
    id: Number(row.id),
    prefix: row.prefix,
    name: row.name,
    role: row.role,
    signoffRoles: JSON.parse(row.signoff_roles),
    secretHash: row.secret_hash,
    createdAt: row.created_at,
    createdBy: row.created_by,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
  };
}

/** The token without its hash: what lists and audit answers carry. */
function withoutHash(row: Row): ApiToken {
  const { secretHash: _hash, ...token } = toStoredApiToken(row);
  return token;
}

/** SQLite and Postgres each say "unique index violated" their own way. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "23505";
}

function nameTaken(name: string): GonogoError {
  return new GonogoError("conflict", `an API token named "${name}" already exists`, [
    `revoke it first (gonogo token revoke ${JSON.stringify(name)}) or choose another name`,
  ]);
}

async function liveRow(db: Kysely<Database> | Transaction<Database>, name: string): Promise<Row | undefined> {
  return db
    .selectFrom("api_tokens")
    .selectAll()
    .where("name", "=", name)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
}

/**
 * API tokens: issued and revoked with their audit events, looked up by their public prefix. The
 * store never sees a secret: `addApiToken` takes its hash, made by `server/auth/`.
 */
export function apiTokensRepository(db: Kysely<Database>, audit: AuditRepository): ApiTokensRepository {
  return {
    async addApiToken(t) {
      const change = {
        actor: t.createdBy,
        action: "token-create" as const,
        subject: `token:${t.name}`,
        at: t.createdAt,
        detail: { prefix: t.prefix, role: t.role, signoffRoles: t.signoffRoles, expiresAt: t.expiresAt },
      };
      try {
        return await audit.audited(change, async (trx) => {
          if (await liveRow(trx, t.name)) throw nameTaken(t.name);
          const row = await trx
            .insertInto("api_tokens")
            .values({
              prefix: t.prefix,
              name: t.name,
              role: t.role,
              signoff_roles: JSON.stringify(t.signoffRoles),
              secret_hash: t.secretHash,
              created_at: t.createdAt,
              created_by: t.createdBy,
              expires_at: t.expiresAt,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          return withoutHash(row);
        });
      } catch (error) {
        // Two creations of one name at once: the partial unique index stops the second.
        if (isUniqueViolation(error)) throw nameTaken(t.name);
        throw error;
      }
    },
    async listApiTokens(options = {}) {
      let query = db.selectFrom("api_tokens").selectAll().orderBy("name").orderBy("id");
      if (!options.includeRevoked) query = query.where("revoked_at", "is", null);
      return (await query.execute()).map(withoutHash);
    },
    async findApiToken(prefix) {
      const row = await db
        .selectFrom("api_tokens")
        .selectAll()
        .where("prefix", "=", prefix)
        .executeTakeFirst();
      return row ? toStoredApiToken(row) : undefined;
    },
    async touchApiToken(id, at) {
      await db.updateTable("api_tokens").set({ last_used_at: at }).where("id", "=", id).execute();
    },
    async revokeApiToken(name, revoked) {
      const live = await liveRow(db, name);
      if (!live) return undefined;
      return audit.audited(
        {
          actor: revoked.actor,
          action: "token-revoke",
          subject: `token:${name}`,
          at: revoked.at,
          detail: { prefix: live.prefix, role: live.role },
        },
        async (trx) => {
          const row = await trx
            .updateTable("api_tokens")
            .set({ revoked_at: revoked.at, revoked_by: revoked.actor })
            .where("id", "=", live.id)
            .where("revoked_at", "is", null)
            .returningAll()
            .executeTakeFirst();
          // Revoked by another process between the read and the write: nothing left to revoke.
          if (!row) throw new GonogoError("not-found", `no live API token named "${name}"`);
          return withoutHash(row);
        },
      );
    },
  };
}
