/**
 * Stable ids: a slug of the section path and the text, so an id survives edits elsewhere in the
 * document; a numeric suffix is added only where two would collide ("...-2", "...-3").
 */
const NON_ASCII = /[^\p{ASCII}]/u;

const SLUG_LENGTH = 80;
// Character codes of "A", "Z", "a", "z", "0", "9" and "-".
const UPPER_A = 0x41;
const UPPER_Z = 0x5a;
const LOWER_A = 0x61;
const LOWER_Z = 0x7a;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const DASH = 0x2d;
/** Reused by `slugOfAscii` (at most 81 character codes): no array per slug. */
const slugCodes: number[] = [];

export function slugify(text: string): string {
  // Most item text is ASCII, which has no accents to take off: skip the Unicode work for it.
  if (!NON_ASCII.test(text)) return slugOfAscii(text);
  return slugOf(text.normalize("NFKD").replace(/[\u0300-\u036f]/g, ""));
}

/**
 * The slug of ASCII text in one pass that stops at the 80th character of the slug: each run of
 * letters and digits lower-cased, runs between them one "-". The same as `slugOf`, which made five
 * strings of each text (lower-cased, dashed, trimmed, cut, trimmed): on long items the replace
 * alone was a tenth of `status`'s memory.
 */
function slugOfAscii(plain: string): string {
  const codes = slugCodes;
  codes.length = 0;
  let blank = false;
  for (let i = 0; i < plain.length && codes.length < SLUG_LENGTH; i++) {
    let code = plain.charCodeAt(i);
    if (code >= UPPER_A && code <= UPPER_Z) code += LOWER_A - UPPER_A;
    else if (!((code >= LOWER_A && code <= LOWER_Z) || (code >= DIGIT_0 && code <= DIGIT_9))) {
      blank = true;
      continue;
    }
    if (blank && codes.length > 0) codes.push(DASH);
    blank = false;
    codes.push(code);
  }
  // The 79th character can be followed by a "-" and a letter: cut to 80, then a "-" at the end.
  if (codes.length > SLUG_LENGTH) codes.length = SLUG_LENGTH;
  if (codes.at(-1) === DASH) codes.length -= 1;
  return String.fromCharCode(...codes);
}

function slugOf(plain: string): string {
  return dashed(plain)
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_LENGTH)
    .replace(/-+$/, "");
}

function dashed(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

/** Hands out ids, suffixing repeats in the order they are asked for. */
export function createIdAllocator(): (base: string) => string {
  const seen = new Map<string, number>();
  return function allocateId(base: string): string {
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    if (count === 1) return base;
    let candidate = `${base}-${count}`;
    // A literal "x-2" elsewhere in the document must not be shadowed by a suffixed "x".
    while (seen.has(candidate)) candidate = `${candidate}-${count}`;
    seen.set(candidate, 1);
    return candidate;
  };
}

export function joinIdPath(parentPath: string | null, slug: string, fallback: string): string {
  const part = slug === "" ? fallback : slug;
  return parentPath ? `${parentPath}/${part}` : part;
}
