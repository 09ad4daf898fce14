export { checklistKey, gitCommit, remoteName } from "./checklist-key.js";
export type * from "./notification-records.js";
export { NOTIFICATION_KINDS } from "./notification-records.js";
export {
  currentUser,
  isPostgresUrl,
  type MigrationReport,
  migrateStore,
  type OpenStoreOptions,
  openStore,
  storeLocation,
} from "./open-store.js";
export type * from "./store.js";
