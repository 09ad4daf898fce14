/**
 * Stable ids: a slug of the section path and the text, so an id survives edits elsewhere in the
 * document; a numeric suffix is added only where two would collide ("...-2", "...-3").
 */
const NON_ASCII = /[^\p{ASCII}]/u;

export function slugify(text: string): string {
  // Most item text is ASCII, which has no accents to take off: skip the Unicode work for it.
  const plain = !NON_ASCII.test(text) ? text : text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  const slug = plain
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug;
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
