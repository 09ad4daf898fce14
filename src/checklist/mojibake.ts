/**
 * Repairs UTF-8 text that was once decoded as Windows-1252 or Mac Roman and saved again:
 * "âœ…" -> "✅", "â‰¥" -> "≥", "‚úÖ" -> "✅", "ðŸš€" -> "🚀". Real checklists carry this damage,
 * and targets such as "gauge â‰¥0.90" cannot be read without undoing it. Only what the model shows
 * and matches is repaired; the file's bytes are never touched.
 *
 * Written here rather than taken from a library: the candidates (ftfy ports) are Python-only or
 * unmaintained, and the repair needed is small: re-encode a run through the legacy code page and
 * keep it only when the bytes form one valid UTF-8 sequence.
 */
const CODE_PAGES = ["windows-1252", "macintosh"] as const;

function reverseTable(encoding: string): Map<string, number> {
  const decoder = new TextDecoder(encoding);
  const table = new Map<string, number>();
  for (let b = 0x80; b <= 0xff; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return table;
}

const tables = CODE_PAGES.map(reverseTable);
const utf8 = new TextDecoder("utf-8", { fatal: true });

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Decodes one damaged UTF-8 sequence starting at `chars[i]`, or returns null. */
function repairAt(chars: string[], i: number, table: Map<string, number>): string | null {
  const lead = table.get(chars[i] ?? "");
  if (lead === undefined) return null;
  const length = sequenceLength(lead);
  if (length === 0 || i + length > chars.length) return null;
  const bytes = [lead];
  for (let k = 1; k < length; k++) {
    const b = table.get(chars[i + k] ?? "");
    if (b === undefined || b < 0x80 || b > 0xbf) return null;
    bytes.push(b);
  }
  try {
    return utf8.decode(Uint8Array.from(bytes));
  } catch {
    return null;
  }
}

// Every character that can start a repair: one a legacy code page maps to a UTF-8 lead byte.
const LEAD_CHARACTERS = new RegExp(
  `[${tables
    .flatMap((table) => [...table].filter(([, byte]) => sequenceLength(byte) > 0))
    .map(([char]) => `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`)
    .join("")}]`,
  "u",
);

export function repairMojibake(text: string): string {
  // Fast path: damage always starts with a lead character; text with ✅ or ≥ but none of those
  // (most text, non-ASCII included) is returned as it is.
  if (!LEAD_CHARACTERS.test(text)) return text;
  const chars = Array.from(text);
  let out = "";
  for (let i = 0; i < chars.length; ) {
    let repaired: string | null = null;
    let used = 0;
    for (const table of tables) {
      repaired = repairAt(chars, i, table);
      if (repaired !== null) {
        used = sequenceLength(table.get(chars[i] ?? "") ?? 0);
        break;
      }
    }
    if (repaired === null) {
      out += chars[i];
      i += 1;
    } else {
      out += repaired;
      i += used;
    }
  }
  return out;
}
