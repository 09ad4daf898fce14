import { createHmac, timingSafeEqual } from "node:crypto";

/** The header carrying the signature: `sha256=<hex>` of HMAC-SHA256(secret, raw body). */
export const SIGNATURE_HEADER = "x-gonogo-signature";
/** When the attempt was sent, in Unix seconds (the body's `at` is when the notification was made). */
export const TIMESTAMP_HEADER = "x-gonogo-timestamp";
/** The delivery's id: the same on every retry of it. */
export const DELIVERY_HEADER = "x-gonogo-delivery";

/** `sha256=<hex>` of the raw body: what a receiver recomputes with the shared secret. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** Whether `signature` is the body's, compared in constant time: what a receiver in Node does. */
export function verifySignature(secret: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
