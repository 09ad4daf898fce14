import type { Kysely } from "kysely";
import { apiTokensRepository } from "./repositories/api-tokens-repository.js";
import { auditRepository } from "./repositories/audit-repository.js";
import { blobsRepository } from "./repositories/blobs-repository.js";
import { gateStatesRepository } from "./repositories/gate-states-repository.js";
import { manualEvidenceRepository } from "./repositories/manual-evidence-repository.js";
import { notificationsRepository } from "./repositories/notifications-repository.js";
import { rolloutsRepository } from "./repositories/rollouts-repository.js";
import { runsRepository } from "./repositories/runs-repository.js";
import { sessionsRepository } from "./repositories/sessions-repository.js";
import { signoffsRepository } from "./repositories/signoffs-repository.js";
import type { Store, StoreBackend } from "./store.js";
import { guardStoreFailures } from "./store-failure.js";
import type { Database } from "./tables.js";

/**
 * The Store over a migrated database: one repository per aggregate (runs with their checks'
 * evidence, manual evidence, sign-offs, blobs, API tokens, the audit log), each a small module over the same
 * `db`. `actor` is who opened the store; audited changes record it as `ranBy`. A failure of
 * disk, file or server becomes one line naming `location` (`guardStoreFailures`).
 */
export function composeStore(
  db: Kysely<Database>,
  backend: StoreBackend,
  location: string,
  actor: string,
): Store {
  const audit = auditRepository(db, actor);
  const store: Store = {
    backend,
    location,
    ...runsRepository(db, backend, audit),
    ...manualEvidenceRepository(db, audit),
    ...signoffsRepository(db, audit),
    ...blobsRepository(db),
    ...apiTokensRepository(db, audit),
    ...notificationsRepository(db, backend),
    ...sessionsRepository(db),
    ...rolloutsRepository(db, audit),
    ...gateStatesRepository(db),
    listAudit: audit.listAudit,
    addAuditEvent: (event) => audit.audited(event, async () => undefined),
    async close() {
      await db.destroy();
    },
  };
  return guardStoreFailures(store, location);
}
