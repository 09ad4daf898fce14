import type { Kysely } from "kysely";
import type { Store, StoredGateState } from "../store.js";
import type { Database } from "../tables.js";

export type GateStatesRepository = Pick<Store, "openGateState" | "getGateState" | "saveGateState">;

/**
 * The controller gates' tallies, one row per rollout, phase and revision, so that every server
 * process behind a load balancer answers Argo Rollouts and Flagger from the same soak start and
 * counters. Writes are compare-and-set on `version`: two processes never both count one evaluation.
 * Not audited: a gate's tally changes no right and is rebuilt by the next evaluations.
 */
export function gateStatesRepository(db: Kysely<Database>): GateStatesRepository {
  const toState = (row: Database["gate_states"]): StoredGateState => ({
    key: row.key,
    firstAt: row.first_at,
    state: JSON.parse(row.state) as unknown,
    version: Number(row.version),
    updatedAt: row.updated_at,
  });
  return {
    async openGateState(key, initial) {
      await db
        .insertInto("gate_states")
        .values({
          key,
          first_at: initial.at,
          state: JSON.stringify(initial.state),
          version: 0,
          updated_at: initial.at,
        })
        .onConflict((c) => c.column("key").doNothing())
        .execute();
      const row = await db
        .selectFrom("gate_states")
        .selectAll()
        .where("key", "=", key)
        .executeTakeFirstOrThrow();
      return toState(row);
    },
    async getGateState(key) {
      const row = await db.selectFrom("gate_states").selectAll().where("key", "=", key).executeTakeFirst();
      return row === undefined ? undefined : toState(row);
    },
    async saveGateState(key, version, save) {
      const result = await db
        .updateTable("gate_states")
        .set({ state: JSON.stringify(save.state), version: version + 1, updated_at: save.at })
        .where("key", "=", key)
        .where("version", "=", version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
