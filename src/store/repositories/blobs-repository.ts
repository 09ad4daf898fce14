import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Store } from "../store.js";
import type { Database } from "../tables.js";

export type BlobsRepository = Pick<Store, "putBlob" | "getBlob">;

/** Files kept by their sha256 (evidence of attestations): one copy, whatever name it came with first. */
export function blobsRepository(db: Kysely<Database>): BlobsRepository {
  return {
    async putBlob(bytes, name) {
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      const exists = await db
        .selectFrom("blobs")
        .select("sha256")
        .where("sha256", "=", sha256)
        .executeTakeFirst();
      if (!exists)
        await db
          .insertInto("blobs")
          .values({ sha256, name, size: bytes.byteLength, bytes: Buffer.from(bytes) })
          .execute();
      return `sha256:${sha256}`;
    },
    async getBlob(ref) {
      const sha256 = ref.replace(/^sha256:/, "");
      const row = await db.selectFrom("blobs").selectAll().where("sha256", "=", sha256).executeTakeFirst();
      return row ? { name: row.name, bytes: new Uint8Array(row.bytes) } : undefined;
    },
  };
}
