import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from "node:crypto";
import { readFile } from "node:fs/promises";
import { GonogoError } from "../core/errors.js";
import { readFailureKind } from "../core/fs-failure.js";

/** The only key type gonogo signs with: ECDSA on NIST P-256 (OpenSSL's `prime256v1`), SHA-256. */
export const CURVE = "prime256v1";

export interface KeyPairPem {
  /** PKCS#8 PEM: keep it secret (written with mode 0600). */
  privateKeyPem: string;
  /** SPKI PEM: hand it to whoever verifies. */
  publicKeyPem: string;
}

export function generateSigningKeyPair(): KeyPairPem {
  const { privateKey, publicKey } = generateKeyPairSync("ec", {
    namedCurve: CURVE,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

/** The DSSE keyid of a key: sha256 of the public key's DER (SubjectPublicKeyInfo), lowercase hex. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  const der = publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("hex");
}

function assertP256(key: KeyObject, path: string): KeyObject {
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== CURVE) {
    const kind = key.asymmetricKeyDetails?.namedCurve ?? key.asymmetricKeyType ?? key.type;
    throw new GonogoError(
      "input",
      `${path}: a ${kind} key; gonogo signs with ECDSA P-256 keys only (gonogo keygen)`,
    );
  }
  return key;
}

async function readKeyFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new GonogoError(
      readFailureKind(error, "input"),
      `${path}: cannot read the ${what}: ${(error as NodeJS.ErrnoException).code ?? error}`,
      [],
      { cause: error },
    );
  }
}

/** A PKCS#8 PEM private key (unencrypted), as `gonogo keygen` writes it. */
export async function loadPrivateKey(path: string): Promise<KeyObject> {
  const pem = await readKeyFile(path, "private key");
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: "pem" });
  } catch (error) {
    throw new GonogoError("input", `${path}: not a PEM private key (${(error as Error).message})`, [], {
      cause: error,
    });
  }
  return assertP256(key, path);
}

/** An SPKI PEM public key; a private key file works too (its public half is used). */
export async function loadPublicKey(path: string): Promise<KeyObject> {
  const pem = await readKeyFile(path, "public key");
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: "pem" });
  } catch (error) {
    throw new GonogoError("input", `${path}: not a PEM public key (${(error as Error).message})`, [], {
      cause: error,
    });
  }
  return assertP256(key, path);
}
