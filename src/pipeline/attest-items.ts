import type { Item } from "../checklist/index.js";
import { GonogoError } from "../core/errors.js";
import { parseDuration } from "../core/units.js";
import type { Attestation, AuditContext, Store } from "../store/index.js";

/** An attestation is a person's word about today: a century is past anything it can vouch for (and past what a Date holds, for 99999999d). */
const MAX_EXPIRY_DAYS = 36_500;
const DAY_MS = 86_400_000;

export interface ExpiryOptions {
  /** How the caller names the value in messages: `--expires` (CLI), `expires` (API body). */
  label?: string;
  /** Also take a last day (`2026-12-31`, valid through it, UTC) or an ISO time; the CLI takes durations only. */
  dates?: boolean;
}

/** `2026-12-31` (through that day, UTC) or `2026-12-31T12:00:00Z`: the time; NaN if it is neither. */
function dateExpiry(text: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const day = Date.parse(`${text}T00:00:00.000Z`);
    return Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== text ? Number.NaN : day + DAY_MS;
  }
  return /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(text) ? Date.parse(text) : Number.NaN;
}

/**
 * When an attestation made `now` stops counting: `30d` from now (or, with `dates`, a last day or
 * an ISO time); null without `expires`. A usage error (400, exit 2) names the value otherwise.
 *
 * @example attestationExpiry("30d", new Date()) // 30 days from now, ISO
 */
export function attestationExpiry(
  expires: string | undefined,
  now: Date,
  { label = "--expires", dates = false }: ExpiryOptions = {},
): string | null {
  if (expires === undefined) return null;
  const ms = parseDuration(expires);
  let at: number;
  if (ms !== null && ms > 0) at = now.getTime() + ms;
  else if (dates && !Number.isNaN(dateExpiry(expires))) {
    at = dateExpiry(expires);
    if (at <= now.getTime()) throw new GonogoError("usage", `${label} ${expires}: that time is past`);
  } else {
    const or = dates ? ", or a last day (YYYY-MM-DD) or an ISO time" : "";
    throw new GonogoError("usage", `${label} ${expires}: expected a duration such as 30d, 12h or 90m${or}`);
  }
  if (at - now.getTime() > MAX_EXPIRY_DAYS * DAY_MS)
    throw new GonogoError(
      "usage",
      `${label} ${expires}: more than ${MAX_EXPIRY_DAYS}d (100 years); leave ${label} out for an attestation that does not expire`,
    );
  return new Date(at).toISOString();
}

/** Evidence kept as written: a URL. Anything else is a file's bytes the caller keeps first (`Store#putBlob`). */
export const isEvidenceUrl = (evidence: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(evidence);

export interface AttestRequest {
  /** The checklist's key in the store (`checklistKey`). */
  checklist: string;
  items: Pick<Item, "id" | "text">[];
  /** Who vouches: `--by` for the CLI, `token:<name>` for the API. */
  by: string;
  at: Date;
  expiresAt: string | null;
  /** A URL or `sha256:<hex>` of a blob already kept. */
  evidence: string | null;
  note: string | null;
  /** Added to each audit event (the API's access role and client address). */
  audit?: AuditContext;
  /** Told of each attestation as it is recorded (the CLI prints a line). */
  onRecorded?: (attestation: Attestation) => void;
}

/**
 * Records a person's word that each item holds, until `expiresAt`, each with its audit event:
 * what the CLI's `gonogo attest` and the API's `POST .../attestations` both do.
 */
export async function attestItems(store: Store, request: AttestRequest): Promise<Attestation[]> {
  const recorded: Attestation[] = [];
  for (const item of request.items) {
    const attestation = {
      checklist: request.checklist,
      itemId: item.id,
      itemText: item.text,
      by: request.by,
      at: request.at.toISOString(),
      expiresAt: request.expiresAt,
      evidence: request.evidence,
      note: request.note,
    };
    const id = await store.addAttestation(attestation, request.audit);
    recorded.push({ id, ...attestation });
    request.onRecorded?.({ id, ...attestation });
  }
  return recorded;
}
