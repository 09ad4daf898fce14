import type { SecretForm } from "./derived-forms.js";
import type { SecretMatch } from "./secret-patterns.js";

/** What to mask in one text. */
interface MaskedSecrets {
  /** Configured secrets in all their forms. */
  known: SecretForm[];
  /** Secret-looking strings that patterns matched in this text. */
  matches: SecretMatch[];
  /** Secrets patterns matched anywhere in the value this text belongs to (found cut short here). */
  found: SecretForm[];
}

interface Span {
  start: number;
  end: number;
  replacement: string;
}

/**
 * A text cut at a read limit (a body at max_body, an output tail, an excerpt) may end with the
 * start of a secret or begin with its end. A piece this long is masked; a shorter one tells little
 * and would match ordinary text ("https:" is the start of a webhook URL).
 */
const MIN_EDGE_CHARS = 8;

const BASE64_CHAR = { standard: /[A-Za-z0-9+/]/, url: /[A-Za-z0-9_-]/ } as const;

/**
 * `text` with every occurrence of a secret's form replaced by `mask`, and every pattern match by
 * its own masked spelling. Overlapping spans merge into one mask, so no piece of a secret survives between two.
 */
export function maskText(text: string, secrets: MaskedSecrets, mask: string): string {
  // Where spans coincide the first pushed is shown: a configured secret's mask, then a pattern's
  // own spelling (`AKIA****MPLE`), then the mask of a secret that a pattern found elsewhere.
  const spans: Span[] = [];
  const pushForms = (forms: SecretForm[]) => {
    for (const form of forms) {
      for (const span of occurrences(text, form)) spans.push({ ...span, replacement: mask });
      spans.push(...cutEdges(text, form.text).map((span) => ({ ...span, replacement: mask })));
    }
  };
  pushForms(secrets.known);
  spans.push(...secrets.matches.map(({ start, end, masked }) => ({ start, end, replacement: masked })));
  pushForms(secrets.found);
  if (spans.length === 0) return text;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "";
  let current: Span | undefined;
  for (const span of spans) {
    if (current && span.start < current.end) {
      if (span.end > current.end) current = { start: current.start, end: span.end, replacement: mask };
      continue;
    }
    if (current) out += current.replacement;
    out += text.slice(current?.end ?? 0, span.start);
    current = span;
  }
  return `${out}${current?.replacement ?? ""}${text.slice(current?.end ?? 0)}`;
}

function occurrences(text: string, form: SecretForm): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (let at = text.indexOf(form.text); at !== -1; at = text.indexOf(form.text, at + 1)) {
    found.push(
      form.base64
        ? widenBase64(text, at, at + form.text.length, form.base64)
        : { start: at, end: at + form.text.length },
    );
  }
  return found;
}

/** One base64 character on each side holds bits of the secret too; padding follows the last one. */
function widenBase64(text: string, start: number, end: number, alphabet: "standard" | "url") {
  const char = BASE64_CHAR[alphabet];
  const from = start > 0 && char.test(text[start - 1] as string) ? start - 1 : start;
  let to = end < text.length && char.test(text[end] as string) ? end + 1 : end;
  while (to < text.length && to - end < 3 && text[to] === "=") to++;
  return { start: from, end: to };
}

/** The start of `secret` at the very end of `text`, and its end at the very start. */
function cutEdges(text: string, secret: string): { start: number; end: number }[] {
  if (secret.length <= MIN_EDGE_CHARS) return [];
  const edges: { start: number; end: number }[] = [];
  const head = secret.slice(0, MIN_EDGE_CHARS);
  for (
    let at = text.indexOf(head, Math.max(0, text.length - secret.length + 1));
    at !== -1;
    at = text.indexOf(head, at + 1)
  ) {
    if (secret.startsWith(text.slice(at))) {
      edges.push({ start: at, end: text.length });
      break;
    }
  }
  const tail = secret.slice(-MIN_EDGE_CHARS);
  const limit = Math.min(text.length, secret.length - 1);
  for (
    let end = text.lastIndexOf(tail, limit - MIN_EDGE_CHARS);
    end !== -1;
    end = end === 0 ? -1 : text.lastIndexOf(tail, end - 1)
  ) {
    const prefix = text.slice(0, end + MIN_EDGE_CHARS);
    if (secret.endsWith(prefix)) {
      edges.push({ start: 0, end: prefix.length });
      break;
    }
  }
  return edges;
}
