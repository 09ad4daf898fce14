import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface CertificateOptions {
  commonName?: string;
  organization?: string;
  /** Subject alternative names as openssl writes them: `DNS:example.test`, `IP:127.0.0.1`. */
  altNames?: string[];
  notBefore?: Date;
  notAfter?: Date;
}

export interface SelfSignedCertificate {
  key: string;
  cert: string;
  /** PEM file of the certificate, usable as its own CA (`ca:` in a tls check). */
  certPath: string;
  dir: string;
  notBefore: Date;
  notAfter: Date;
  remove(): void;
}

const DAY_MS = 86_400_000;

// `openssl ca` rather than `openssl req -x509`: only the former takes explicit start and end dates,
// which the tests need for an already expired certificate.
const CA_CONFIG = `[ca]
default_ca = test_ca
[test_ca]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any_subject
copy_extensions = copy
[any_subject]
commonName = supplied
organizationName = optional
`;

/**
 * Makes a self-signed certificate (EC P-256) with openssl in a fresh temp dir.
 * Defaults: CN=example.test, SANs example.test and 127.0.0.1, valid from now for 30 days.
 */
export function makeSelfSignedCertificate(options: CertificateOptions = {}): SelfSignedCertificate {
  const commonName = options.commonName ?? "example.test";
  const altNames = options.altNames ?? ["DNS:example.test", "IP:127.0.0.1"];
  const notBefore = options.notBefore ?? new Date(Math.floor(Date.now() / 1000) * 1000);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + 30 * DAY_MS);
  const dir = mkdtempSync(join(tmpdir(), "gonogo-cert-"));
  const subject = `${options.organization ? `/O=${options.organization}` : ""}/CN=${commonName}`;
  writeFileSync(join(dir, "ca.cnf"), CA_CONFIG);
  writeFileSync(join(dir, "index.txt"), "");
  writeFileSync(join(dir, "serial"), "01\n");
  const openssl = (args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "key.pem"]);
  openssl([
    ...["req", "-new", "-key", "key.pem", "-subj", subject, "-out", "cert.csr"],
    ...["-addext", `subjectAltName=${altNames.join(",")}`],
    ...["-addext", "basicConstraints=critical,CA:TRUE"],
  ]);
  openssl([
    ...["ca", "-batch", "-config", "ca.cnf", "-selfsign", "-keyfile", "key.pem", "-in", "cert.csr"],
    ...["-startdate", opensslDate(notBefore), "-enddate", opensslDate(notAfter), "-notext"],
    ...["-out", "cert.pem"],
  ]);
  return {
    key: readFileSync(join(dir, "key.pem"), "utf8"),
    cert: readFileSync(join(dir, "cert.pem"), "utf8"),
    certPath: join(dir, "cert.pem"),
    dir,
    notBefore,
    notAfter,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** `20270101120000Z`: the GeneralizedTime form `openssl ca -startdate/-enddate` accept. */
function opensslDate(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, "").slice(0, 14)}Z`;
}
