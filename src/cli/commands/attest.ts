import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { loadChecklist } from "../../checklist/index.js";
import { GonogoError } from "../../core/errors.js";
import { attestationExpiry, attestItems, isEvidenceUrl } from "../../pipeline/attest-items.js";
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
  if (isEvidenceUrl(evidence)) return evidence;
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

/** `gonogo attest <checklist> <item>`: a person vouches for a manual item, until it expires. */
export async function runAttest(path: string, spec: string, options: AttestOptions): Promise<number> {
  const by = requiredText("--by", options.by, "who vouches");
  const checklist = await loadChecklist(path);
  const items = findItems(checklist, spec);
  warnBroadSpec(spec, items, "attesting");
  const now = new Date();
  const expiresAt = attestationExpiry(options.expires, now);
  const store = await openStore({ checklistPath: path, ...(options.store ? { store: options.store } : {}) });
  return withStore(store, async () => {
    const evidence = options.evidence ? await keepEvidence(store, options.evidence) : null;
    const until = expiresAt ? `until ${expiresAt}` : "with no expiry";
    await attestItems(store, {
      checklist: checklistKey(path),
      items,
      by,
      at: now,
      expiresAt,
      evidence,
      note: options.note ?? null,
      onRecorded: (attestation) =>
        process.stdout.write(
          `attested "${attestation.itemText}" (${attestation.itemId}) by ${by} ${until}${evidence ? `; evidence ${evidence}` : ""}\n`,
        ),
    });
    return 0;
  });
}
