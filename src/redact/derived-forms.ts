/**
 * The spellings a known secret takes on its way into text: as written, URL-encoded, escaped inside a
 * quoted string, base64 (both alphabets, padded or not, and embedded at any of the 3 byte
 * alignments in a longer base64 run), and, for a secret that is itself base64 of readable text
 * (the `dXNlcjpwYXNz` of `Basic dXNlcjpwYXNz`), that text (`user:pass`).
 */
export interface SecretForm {
  text: string;
  /**
   * Base64 characters fully determined by the secret. The characters beside them mix in bits of
   * the secret with bits of its neighbours, so a match also takes one base64 character on each
   * side (and trailing `=`), which would otherwise leak a few bits.
   */
  base64?: "standard" | "url";
}

/** Shorter base64 runs match by accident in hashes, ids and words: not worth garbling text for. */
const MIN_BASE64_CHARS = 8;

/** Every form of `secret`, the secret itself first; forms shorter than the rules allow are left out. */
export function derivedForms(secret: string): SecretForm[] {
  const texts = [secret, ...escapedForms(secret)];
  const decoded = decodedBase64Text(secret);
  if (decoded !== undefined) texts.push(decoded);
  const forms: SecretForm[] = [...new Set(texts)].filter((t) => t.length > 0).map((text) => ({ text }));
  const cores = base64Cores(secret).filter((core) => core.length >= MIN_BASE64_CHARS);
  for (const core of new Set(cores)) forms.push({ text: core, base64: "standard" });
  for (const core of new Set(cores.map(toUrlAlphabet))) forms.push({ text: core, base64: "url" });
  return forms;
}

/** URL-encoded (upper and lower case hex, `+` for a space as forms send it) and JSON/quoted-string escaped. */
function escapedForms(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  const lowerHex = encoded.replace(/%[0-9A-F]{2}/g, (percent) => percent.toLowerCase());
  const form = new URLSearchParams([["", secret]]).toString().slice(1);
  const quoted = JSON.stringify(secret).slice(1, -1);
  return [encoded, lowerHex, form, quoted].filter((text) => text !== secret);
}

/**
 * For each byte alignment k (the secret starting k bytes into a 3-byte group), the base64
 * characters whose 6 bits all come from the secret: from ceil(8k/6) to floor(8(k+n)/6).
 * Alignment 0 is the secret's own base64 without its last, partial character and padding.
 */
export function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const cores: string[] = [];
  for (let k = 0; k < 3; k++) {
    const padded = Buffer.concat([Buffer.alloc(k), bytes, Buffer.alloc(2)]);
    const encoded = padded.toString("base64");
    cores.push(encoded.slice(Math.ceil((8 * k) / 6), Math.floor((8 * (k + bytes.length)) / 6)));
  }
  return cores;
}

function toUrlAlphabet(text: string): string {
  return text.replace(/\+/g, "-").replace(/\//g, "_");
}

/** A base64 secret decoding to fewer characters ("test") would mask ordinary words. */
const MIN_DECODED_CHARS = 6;
const BASE64 = /^(?:[A-Za-z0-9+/]+|[A-Za-z0-9_-]+)={0,2}$/;
// Readable text: printable characters and spaces, no control bytes, no replacement characters.
const READABLE = /^[^\p{Cc}\p{Cs}\uFFFD]+$/u;

/** The text a base64 secret encodes, when it is readable text (a `user:password` pair is). */
function decodedBase64Text(secret: string): string | undefined {
  if (secret.length < MIN_BASE64_CHARS || secret.length % 4 === 1 || !BASE64.test(secret)) return undefined;
  const text = Buffer.from(secret, "base64").toString("utf8");
  return text.length >= MIN_DECODED_CHARS && READABLE.test(text) ? text : undefined;
}
