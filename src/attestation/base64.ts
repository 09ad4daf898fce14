/** RFC 4648's two alphabets: §4 standard (`+` `/`) and §5 URL-safe (`-` `_`), both padded with `=`. */
export type Base64Alphabet = "standard" | "url-safe";

const ALPHABET: Record<Base64Alphabet, RegExp> = {
  standard: /^[A-Za-z0-9+/]*={0,2}$/,
  "url-safe": /^[A-Za-z0-9_-]*={0,2}$/,
};

/**
 * Base64 in one alphabet, strictly: Node's decoder skips characters it does not know and ignores
 * stray padding bits, so two different strings can decode to the same bytes. Only the one
 * canonical spelling of some bytes in that alphabet is accepted, and anything else is null: a
 * changed character in a signature or payload can never pass unnoticed.
 */
export function decodeBase64Strict(text: string, alphabet: Base64Alphabet = "standard"): Buffer | null {
  if (text.length % 4 !== 0 || !ALPHABET[alphabet].test(text)) return null;
  const bytes = Buffer.from(text, alphabet === "standard" ? "base64" : "base64url");
  const canonical = bytes.toString("base64");
  const spelled = alphabet === "standard" ? canonical : canonical.replaceAll("+", "-").replaceAll("/", "_");
  return spelled === text ? bytes : null;
}

/**
 * Base64 as DSSE carries it: "either standard or URL-safe base64 encodings are allowed. Signers
 * may use either, and verifiers MUST accept either" (protocol.md). One string keeps to one
 * alphabet, padded, as the reference implementation, cosign and in-toto decode it.
 */
export function decodeDsseBase64(text: string): Buffer | null {
  return decodeBase64Strict(text, "standard") ?? decodeBase64Strict(text, "url-safe");
}
