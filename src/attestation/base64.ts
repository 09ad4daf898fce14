const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Standard base64 (RFC 4648 §4), strictly: Node's decoder skips characters it does not know and
 * ignores stray padding bits, so two different strings can decode to the same bytes. Only the one
 * canonical spelling of some bytes is accepted, and anything else is null: a changed character in
 * a signature or payload can never pass unnoticed.
 */
export function decodeBase64Strict(text: string): Buffer | null {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return null;
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64") === text ? bytes : null;
}
