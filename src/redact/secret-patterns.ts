export interface SecretMatch {
  /** `aws-access-key`, `private-key`, `github-token`, `slack-token`, `stripe-key`, `jwt`, ... */
  kind: string;
  /** Span of the secret itself in the scanned text: what redaction replaces. */
  start: number;
  end: number;
  /** Safe to show: `AKIA************MPLE`, `password=********`. */
  shown: string;
  /** What replaces the secret in redacted text. */
  masked: string;
}

interface SecretPattern {
  kind: string;
  /** Needs the `g` and `d` flags (every match, with the span of each group). */
  pattern: RegExp;
  /**
   * Group holding the secret; 0 for the whole match. A secret in a group is a free-form value (a
   * password), masked whole; a whole-match token keeps its first/last characters, which name its kind.
   */
  group?: number;
}

// Every repeat is bounded or starts only at a run's beginning, so a hostile 1 MiB body scans in
// linear time. Most specific first: where two patterns overlap (a JWT in `token=eyJ...`) the earlier one wins.
const SECRET_PATTERNS: SecretPattern[] = [
  {
    kind: "private-key",
    pattern:
      /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)/dg,
  },
  { kind: "aws-access-key", pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/dg },
  {
    kind: "github-token",
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/dg,
  },
  { kind: "slack-token", pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,250}/dg },
  { kind: "slack-webhook", pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9_/]{20,}/dg },
  { kind: "stripe-key", pattern: /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,247}\b/dg },
  { kind: "jwt", pattern: /(?<![\w-])eyJ[\w-]{8,2000}\.eyJ[\w-]{8,8000}\.[\w-]{0,2000}/dg },
  {
    kind: "url-password",
    pattern: /\b[a-z][a-z0-9+.-]{0,31}:\/\/[^\s:@/?#"'<>]*:([^\s@/?#"'<>]+)@/dgi,
    group: 1,
  },
  // The value never starts with `=`: `json.password == "x"` is a comparison, not an assignment.
  {
    kind: "credential-assignment",
    pattern:
      /(?:password|passwd|secret|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|private[_-]?key|client[_-]?secret|auth[_-]?token|access[_-]?token)["']?\s*[:=]\s*["']?([^\s"'&,;<>{[=][^\s"'&,;<>]{0,200})/dgi,
    group: 1,
  },
];

// Values that say "there is no secret here": `password: null`, `secret=********`, `api_key=${KEY}`.
const PLACEHOLDER = /^(?:null|none|nil|undefined|true|false|\*+|x+|•+|\$\{[^}]*\}|<[^>]*>|\[?redacted\]?)$/i;

const MASK = "********";

/**
 * Text that every pattern above needs somewhere in a match (a superset: case-insensitive where a
 * pattern is not). Most evidence (a status, a date, a header) has none of it, and one test of this
 * saves the nine scans: findSecrets runs on every string of every check result.
 */
const MAY_HOLD_SECRET =
  /-----BEGIN |AKIA|ASIA|gh[pousr]_|github_pat_|xox[abposr]-|[rs]k_(?:live|test)_|eyJ|:\/\/|passw(?:or)?d|secret|api[_-]?key|access[_-]?(?:key|token)|private[_-]?key|auth[_-]?token/i;

/** Finds secret-looking strings in `text`, in order, none overlapping. */
export function findSecrets(text: string): SecretMatch[] {
  const claimed: SecretMatch[] = [];
  if (!MAY_HOLD_SECRET.test(text)) return claimed;
  for (const { kind, pattern, group = 0 } of SECRET_PATTERNS) {
    const fresh: SecretMatch[] = [];
    for (const match of matchesOf(pattern, text)) {
      const span = match.indices?.[group];
      const secret = match[group];
      if (!span || !secret || PLACEHOLDER.test(secret) || overlapsAny(claimed, span[0], span[1])) continue;
      const masked = group === 0 ? redactValue(secret) : MASK;
      const shown = text.slice(match.index, span[0]) + masked;
      fresh.push({ kind, start: span[0], end: span[1], shown, masked });
    }
    claimed.push(...fresh);
    claimed.sort((a, b) => a.start - b.start);
  }
  return claimed;
}

/**
 * Every match of a `g` pattern, as `text.matchAll(pattern)` gives them, without the copy of the
 * pattern matchAll makes on each call (the dearer part of scanning a short string). Synchronous,
 * so the shared pattern's `lastIndex` is never seen half-way by another caller.
 */
function* matchesOf(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  try {
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      if (match[0].length === 0) pattern.lastIndex += 1;
      yield match;
    }
  } finally {
    pattern.lastIndex = 0;
  }
}

/**
 * Shows at most the first and last 4 characters, fewer for short values:
 * `AKIAIOSFODNN7EXAMPLE` -> `AKIA************MPLE`, `hunter2` -> `********`.
 */
export function redactValue(value: string): string {
  const shown = value.length >= 16 ? 4 : value.length >= 10 ? 2 : 0;
  if (shown === 0) return MASK;
  const hidden = Math.min(value.length - 2 * shown, 12);
  return value.slice(0, shown) + "*".repeat(hidden) + value.slice(-shown);
}

/** Binary search over `sorted` (by start, non-overlapping) for a span overlapping [start, end). */
function overlapsAny(sorted: SecretMatch[], start: number, end: number): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle]?.end ?? 0) <= start) low = middle + 1;
    else high = middle;
  }
  const candidate = sorted[low];
  return candidate !== undefined && candidate.start < end;
}
