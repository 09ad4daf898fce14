import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

/**
 * scrypt's cost, written into every hash so a later gonogo can raise it and still check the
 * tokens issued before. N=2^14, r=8 takes 16 MiB and tens of milliseconds a check: a stolen
 * table is slow to guess at, and a server checks a request in one hash.
 */
export const SCRYPT_COST = { N: 16_384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

/** The largest cost a stored hash may ask for: a damaged row must not make a check take a minute. */
const MAX_N = 1 << 20;

function derive(
  secret: string,
  salt: Buffer,
  cost: Required<Pick<ScryptOptions, "N" | "r" | "p">>,
  bytes: number,
): Promise<Buffer> {
  const maxmem = 256 * cost.N * cost.r + 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, bytes, { ...cost, maxmem }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** `scrypt$16384$8$1$<salt>$<key>` (base64url): a fresh salt for every secret. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(secret, salt, SCRYPT_COST, KEY_BYTES);
  const { N, r, p } = SCRYPT_COST;
  return ["scrypt", N, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

interface ParsedHash {
  cost: { N: number; r: number; p: number };
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const match = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([\w-]+)\$([\w-]+)$/.exec(stored);
  if (!match) return null;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const powerOfTwo = N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > MAX_N || r < 1 || r > 32 || p < 1 || p > 16) return null;
  const key = Buffer.from(match[5] ?? "", "base64url");
  if (key.length < 16) return null;
  return { cost: { N, r, p }, salt: Buffer.from(match[4] ?? "", "base64url"), key };
}

/**
 * A hash of no secret, with the current cost: checking a token that is unknown or malformed
 * against it costs what checking a real one does, so the time of an answer says nothing about
 * whether a token exists.
 */
export const DECOY_HASH = [
  "scrypt",
  SCRYPT_COST.N,
  SCRYPT_COST.r,
  SCRYPT_COST.p,
  randomBytes(SALT_BYTES).toString("base64url"),
  randomBytes(KEY_BYTES).toString("base64url"),
].join("$");

/**
 * True when `secret` is the one `stored` was made from. The comparison takes the same time
 * wherever the keys differ (`timingSafeEqual`). A hash gonogo cannot read is checked as the
 * decoy is, and is false.
 */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  const { cost, salt, key } = parsed ?? (parseHash(DECOY_HASH) as ParsedHash);
  const derived = await derive(secret, salt, cost, key.length);
  return timingSafeEqual(derived, key) && parsed !== null;
}

/** How `authenticate` hashes: scrypt, unless a test wraps it to count the hashes it makes. */
export interface SecretHashing {
  hash(secret: string): Promise<string>;
  verify(secret: string, stored: string): Promise<boolean>;
}

export const scryptHashing: SecretHashing = { hash: hashSecret, verify: verifySecret };
