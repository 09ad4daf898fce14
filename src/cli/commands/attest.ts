import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { loadChecklist } from "../../checklist/index.js";
import { GonogoError } from "../../core/errors.js";
import { parseDuration } from "../../core/units.js";
import { checklistKey, openStore, type Store } from "../../store/index.js";
import { findItems, requiredText, warnBroadSpec, withStore } from "./_store.js";

export interface AttestOptions {
  by: string;
  evidence?: string;
  expires?: string;
  note?: string;
  store?: string;
}

/** A URL is kept as written; a file is kept in the store by its sha256. */
async function keepEvidence(store: Store, evidence: string): Promise<string> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(evidence)) return evidence;
  const bytes = await readFile(evidence).catch((error: NodeJS.ErrnoException) => {
    throw new GonogoError(
      "usage",
      `--evidence ${evidence}: not a URL, and cannot read it as a file: ${error.code ?? error.message}`,
      [],
      { cause: error },
    );
  });
  return store.putBlob(new Uint8Array(bytes), basename(evidence));
}

/** An attestation is a person's word about today: a century is past anything it can vouch for (and past what a Date holds, for 99999999d). */
const MAX_EXPIRY_DAYS = 36_500;

export function expiryFrom(expires: string | undefined, now: Date): string | null {
  if (expires === undefined) return null;
  const ms = parseDuration(expires);
  if (ms === null || ms <= 0)
    throw new GonogoError("usage", `--expires ${expires}: expected a duration such as 30d, 12h or 90m`);
  if (ms > MAX_EXPIRY_DAYS * 86_400_000)
    throw new GonogoError(
      "usage",
      `--expires ${expires}: more than ${MAX_EXPIRY_DAYS}d (100 years); leave --expires out for an attestation that does not expire`,
    );
  return new Date(now.getTime() + ms).toISOString();
}

/** `gonogo attest <checklist> <item>`: a person vouches for a manual item, until it expires. */
export async function runAttest(path: string, spec: string, options: AttestOptions): Promise<number> {
  const by = requiredText("--by", options.by, "who vouches");
  const checklist = await loadChecklist(path);
  const items = findItems(checklist, spec);
  warnBroadSpec(spec, items, "attesting");
  const now = new Date();
  const expiresAt = expiryFrom(options.expires, now);
  const store = await openStore({ checklistPath: path, ...(options.store ? { store: options.store } : {}) });
  return withStore(store, async () => {
    const evidence = options.evidence ? await keepEvidence(store, options.evidence) : null;
    for (const item of items) {
      await store.addAttestation({
        checklist: checklistKey(path),
        itemId: item.id,
        itemText: item.text,
        by,
        at: now.toISOString(),
        expiresAt,
        evidence,
        note: options.note ?? null,
      });
      const until = expiresAt ? `until ${expiresAt}` : "with no expiry";
      process.stdout.write(
        `attested "${item.text}" (${item.id}) by ${by} ${until}${evidence ? `; evidence ${evidence}` : ""}\n`,
      );
    }
    return 0;
  });
}
