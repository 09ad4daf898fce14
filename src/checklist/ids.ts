/**
 * Stable ids: a slug of the section path and the text, so an id survives edits elsewhere in the
 * document; a numeric suffix is added only where two would collide ("...-2", "...-3").
 */
const NON_ASCII = /[^\p{ASCII}]/u;

const SLUG_LENGTH = 80;

export function slugify(text: string): string {
  // Most item text is ASCII, which has no accents to take off: skip the Unicode work for it.
  if (!NON_ASCII.test(text)) return slugOfAscii(text);
  return slugOf(text.normalize("NFKD").replace(/[\u0300-\u036f]/g, ""));
}

function slugOfAscii(plain: string): string {
  // Only the first 80 characters are kept, and ASCII text maps character by character: when the
  // first 160 characters already give more than 81 (a letter or digit past the 80th), the rest
  // cannot change them. Long items (350 characters) were slugged whole, four copies each.
  if (plain.length > 2 * SLUG_LENGTH) {
    const head = dashed(plain.slice(0, 2 * SLUG_LENGTH)).replace(/^-+/, "");
    if (head.length > SLUG_LENGTH + 1) return head.slice(0, SLUG_LENGTH).replace(/-+$/, "");
  }
  return slugOf(plain);
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
