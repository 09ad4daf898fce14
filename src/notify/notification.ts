import type { NotificationKind } from "../store/index.js";

/** A served service as notifications see it: its name, store key and who is told. */
export interface NotifiedService {
  name: string;
  /** The checklist's key in the store. */
  key: string;
  owner: string | null;
  /** Channels named in its own `notify:`. */
  notify: string[];
}

/** One thing a notification lists: an item, a section (voided sign-off), an expiring attestation. */
export interface NotifiedItem {
  id: string;
  text: string;
  /** The status before and after (regressions), when there are two. */
  before?: string;
  after?: string;
  /** For a sign-off or attestation: who gave it; for an expiry: when. */
  by?: string;
  expiresAt?: string;
  reason?: string;
}

/**
 * One notification, as every channel's body is made from it. `id` is unique per notification
 * (the same in every channel and every retry), for receivers that want to drop a repeat.
 */
export interface Notification {
  id: string;
  kind: NotificationKind;
  service: string;
  owner: string | null;
  checklist: string;
  /** The checklist's page: `<public_url>/checklists/<service>`. */
  link: string;
  runId: number | null;
  verdict: { before: string | null; after: string | null } | null;
  items: NotifiedItem[];
  /** One line for people. */
  summary: string;
  /** When it was made (ISO): signed with the body, unlike the timestamp header. */
  at: string;
}

/** The checklist page a notification links to. */
export function checklistLink(publicUrl: string | null, service: string): string {
  return `${publicUrl ?? ""}/checklists/${encodeURIComponent(service)}`;
}

/** The generic webhook's JSON body (schemaVersion 1): the notification as it is. */
export function webhookBody(notification: Notification): string {
  const { id, kind, service, owner, checklist, link, runId, verdict, items, summary, at } = notification;
  return JSON.stringify({
    schemaVersion: 1,
    id,
    kind,
    service,
    owner,
    checklist,
    link,
    runId,
    verdict,
    items,
    summary,
    at,
  });
}
