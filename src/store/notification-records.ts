/** What a notification is about: a change seen after a complete run, or an expiry coming. */
export type NotificationKind =
  | "verdict-changed"
  | "item-regressed"
  | "signoff-voided"
  | "attestation-expiring"
  | "waiver-expiring";

export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  "verdict-changed",
  "item-regressed",
  "signoff-voided",
  "attestation-expiring",
  "waiver-expiring",
];

/** `pending` while attempts remain; `delivered` on a 2xx; `failed` once the retries ran out. */
export type DeliveryStatus = "pending" | "delivered" | "failed";

/** One notification to one channel, and how its delivery went. The body holds no secret. */
export interface NotificationDelivery {
  id: number;
  /** The service's name in gonogo-server.yml, and its checklist key in the store. */
  service: string;
  checklist: string;
  channel: string;
  channelType: "webhook" | "slack";
  kind: NotificationKind;
  /** The run that revealed the change; null for an expiry found by the timer. */
  runId: number | null;
  /** One line for people: `orders: GO → NO-GO`. */
  summary: string;
  /** The exact body sent (JSON text), so a receiver's complaint can be compared byte for byte. */
  body: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  lastStatusCode: number | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
}

export type NewDelivery = Omit<
  NotificationDelivery,
  "id" | "status" | "attempts" | "lastError" | "lastStatusCode" | "updatedAt" | "deliveredAt"
>;

/** One try at sending a delivery: the receiver's status, or why there was none. */
export interface DeliveryAttempt {
  deliveryId: number;
  /** 1 for the first try. */
  attempt: number;
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * Where notifications are deduplicated and their deliveries recorded. `event` names what is
 * watched (`verdict`, `item:<id>`, `signoff:<id>`, `attestation:<id>`); `state` is what was last
 * notified about it.
 */
export interface NotificationRecords {
  /**
   * Moves `event` of `checklist` to `state`, atomically: `changed` is true for the one caller that
   * made the move (notify), false when it was already there (someone notified already). A first
   * sighting is a change from `previous: null`.
   */
  claimNotificationState(
    watched: { checklist: string; event: string },
    state: string,
    at: string,
  ): Promise<{ changed: boolean; previous: string | null }>;
  addDelivery(delivery: NewDelivery): Promise<NotificationDelivery>;
  /** Records one attempt and the delivery's status after it, in one transaction. */
  recordDeliveryAttempt(attempt: DeliveryAttempt, status: DeliveryStatus): Promise<void>;
  /** Newest first; `before`: only deliveries with a smaller id (the next page). */
  listDeliveries(options?: {
    service?: string;
    status?: DeliveryStatus;
    limit?: number;
    before?: number;
  }): Promise<NotificationDelivery[]>;
  listDeliveryAttempts(deliveryId: number): Promise<DeliveryAttempt[]>;
}
