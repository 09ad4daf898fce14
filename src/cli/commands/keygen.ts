import { createPrivateKey } from "node:crypto";
import { access, open, rm } from "node:fs/promises";
import { generateSigningKeyPair, keyIdOf } from "../../attestation/index.js";
import { GonogoError } from "../../core/errors.js";
import { describeFsFailure } from "../../core/fs-failure.js";

/** `--out release` and `--out release.pem` both mean release.pem and release.pub.pem. */
export function keyPaths(out: string): { privatePath: string; publicPath: string } {
  const base = out.endsWith(".pem") ? out.slice(0, -".pem".length) : out;
  if (base === "" || base.endsWith("/"))
    throw new GonogoError("usage", `--out ${out}: give a file name, e.g. --out release`);
  return { privatePath: `${base}.pem`, publicPath: `${base}.pub.pem` };
}

// "wx": an existing key is never overwritten (a lost signing key cannot be recovered).
async function writeNew(path: string, text: string, mode: number): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "wx", mode);
  } catch (error) {
    const failure = error as NodeJS.ErrnoException;
    const why =
      failure.code === "EEXIST"
        ? "already exists (remove it first to replace the key)"
        : `cannot write it: ${describeFsFailure(failure)}`;
    throw new GonogoError(failure.code === "EEXIST" ? "conflict" : "output", `${path}: ${why}`, [], {
      cause: error,
    });
  }
  try {
    await handle.writeFile(text);
    await handle.chmod(mode);
    await handle.close();
  } catch (error) {
    // A key cut short (a full disk) is no key, and would block the next keygen as "already exists".
    await handle.close().catch(() => undefined);
    await rm(path, { force: true });
    throw new GonogoError(
      "output",
      `${path}: cannot write it: ${describeFsFailure(error as NodeJS.ErrnoException)}`,
      [],
      { cause: error },
    );
  }
}

/** `gonogo keygen --out NAME`: an ECDSA P-256 key pair for signing attestations; prints the keyid. */
export async function runKeygen(options: { out: string }): Promise<number> {
  const { privatePath, publicPath } = keyPaths(options.out);
  for (const path of [privatePath, publicPath]) {
    const exists = await access(path).then(
      () => true,
      () => false,
    );
    if (exists)
      throw new GonogoError("conflict", `${path}: already exists (remove it first to replace the key)`);
  }
  const pair = generateSigningKeyPair();
  await writeNew(privatePath, pair.privateKeyPem, 0o600);
  await writeNew(publicPath, pair.publicKeyPem, 0o644);
  const keyid = keyIdOf(createPrivateKey(pair.privateKeyPem));
  process.stdout.write(`${privatePath}\n${publicPath}\nkeyid ${keyid}\n`);
  process.stderr.write(
    `gonogo: wrote ${privatePath} (private, mode 0600: keep it secret) and ${publicPath} (give it to verifiers)\n`,
  );
  return 0;
}
