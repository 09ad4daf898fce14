export type { Notification, NotifiedItem, NotifiedService } from "./notification.js";
export { channelsFor, createNotifier, type Notifier, type NotifierOptions } from "./notifier.js";
export {
  type ChannelConfig,
  NO_NOTIFICATIONS,
  type NotificationsConfig,
  notificationsSchema,
  toNotificationsConfig,
  unknownChannels,
} from "./notify-config.js";
export type { RecordedRun } from "./run-changes.js";
export {
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  signBody,
  TIMESTAMP_HEADER,
  verifySignature,
} from "./sign-body.js";
