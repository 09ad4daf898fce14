import { createServer as createTcpServer } from "node:net";
import { basename } from "node:path";
import { createServer as createTlsServer } from "node:tls";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type LocalServer, listenLocally } from "../../../test/support/local-server.js";
import { type ContextOptions, probeContext } from "../../../test/support/probe-context.js";
import {
  makeSelfSignedCertificate,
  type SelfSignedCertificate,
} from "../../../test/support/self-signed-certificate.js";
import { GAVE_UP_WITHIN_MS } from "../../../test/support/timing.js";
import { isGonogoError } from "../../core/errors.js";
import tlsProbe from "./index.js";
import { run as runTls } from "./runner.js";

const DAY_MS = 86_400_000;

let fresh: SelfSignedCertificate;
let expired: SelfSignedCertificate;
const opened: LocalServer[] = [];

beforeAll(() => {
  fresh = makeSelfSignedCertificate({ organization: "gonogo tests", commonName: "example.test" });
  expired = makeSelfSignedCertificate({
    commonName: "old.test",
    altNames: ["DNS:old.test"],
    notBefore: new Date("2020-01-01T00:00:00Z"),
    notAfter: new Date("2020-02-01T00:00:00Z"),
  });
});
afterAll(() => {
  fresh.remove();
  expired.remove();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((server) => server.close()));
});

async function serveTls(certificate: SelfSignedCertificate): Promise<LocalServer> {
  const server = await listenLocally(
    createTlsServer({ key: certificate.key, cert: certificate.cert }),
    "https",
  );
  opened.push(server);
  return server;
}

function probe(config: Record<string, unknown>, context: ContextOptions = {}) {
  return runTls(tlsProbe.configSchema.parse(config), probeContext({ timeoutMs: 1000, ...context }));
}

describe("tls probe", () => {
  it("measures a self-signed certificate: 30 days left, not valid without its CA", async () => {
    const server = await serveTls(fresh);
    const result = await probe({ host: "127.0.0.1", port: server.port, servername: "example.test" });
    expect(result.error).toBeUndefined();
    expect(result.observations).toMatchObject({
      valid: false,
      protocol: "TLSv1.3",
      subject: "CN=example.test, O=gonogo tests",
      issuer: "CN=example.test, O=gonogo tests",
      hostname_ok: true,
      not_after: fresh.notAfter.toISOString(),
    });
    const daysLeft = result.observations.days_left as number;
    expect(daysLeft).toBeGreaterThan(29.99);
    expect(daysLeft).toBeLessThanOrEqual(30);
    expect(result.evidence?.invalid).toEqual(["self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)"]);
    await server.waitForNoConnections();
  });

  it("is valid when the check names the CA file, relative to the checklist", async () => {
    const server = await serveTls(fresh);
    const config = {
      host: "127.0.0.1",
      port: server.port,
      servername: "example.test",
      ca: basename(fresh.certPath),
    };
    const result = await probe(config, { baseDir: fresh.dir });
    expect(result.observations).toMatchObject({ valid: true, hostname_ok: true });
    expect(result.evidence).not.toHaveProperty("invalid");
  });

  it("says the hostname does not match for another servername", async () => {
    const server = await serveTls(fresh);
    const result = await probe({ host: "127.0.0.1", port: server.port, servername: "api.other.test" });
    expect(result.observations.hostname_ok).toBe(false);
    expect(result.evidence?.hostname).toMatch(/api\.other\.test/);
  });

  it("checks a bare IP address against the certificate's IP names", async () => {
    const server = await serveTls(fresh);
    const result = await probe({ host: "127.0.0.1", port: server.port });
    expect(result.observations.hostname_ok).toBe(true);
    const other = await serveTls(expired);
    const mismatch = await probe({ host: "127.0.0.1", port: other.port });
    expect(mismatch.observations.hostname_ok).toBe(false);
  });

  it("takes host and port from a target's url", async () => {
    const server = await serveTls(fresh);
    const targets = { api: { url: `https://127.0.0.1:${server.port}/v1` } };
    const result = await probe({ target: "api", servername: "example.test" }, { targets });
    expect(result.observations).toMatchObject({ hostname_ok: true, protocol: "TLSv1.3" });
    expect(result.evidence).toMatchObject({ host: "127.0.0.1", port: server.port });
  });

  it("reports an expired certificate with negative days left, even when its CA is trusted", async () => {
    const server = await serveTls(expired);
    const result = await probe(
      { host: "127.0.0.1", port: server.port, servername: "old.test", ca: expired.certPath },
      { baseDir: "/" },
    );
    const expectedDays = (expired.notAfter.getTime() - Date.now()) / DAY_MS;
    expect(result.observations).toMatchObject({
      valid: false,
      hostname_ok: true,
      not_after: "2020-02-01T00:00:00.000Z",
    });
    expect(result.observations.days_left).toBeCloseTo(expectedDays, 2);
    expect(result.evidence?.invalid).toEqual(["certificate has expired (CERT_HAS_EXPIRED)"]);
  });

  it("errors on a refused connection", async () => {
    const server = await listenLocally(createTcpServer());
    await server.close();
    const result = await probe({ host: "127.0.0.1", port: server.port });
    expect(result.error).toBe(`127.0.0.1:${server.port}: connection refused`);
    expect(result.observations).toEqual({});
  });

  it("times out on a server that never answers the handshake, and hangs up", async () => {
    // Reads (so it notices the client hanging up) but never answers the ClientHello.
    const server = await listenLocally(createTcpServer((socket) => socket.resume()));
    opened.push(server);
    const startedAt = performance.now();
    const result = await probe({ host: "127.0.0.1", port: server.port });
    expect(result.error).toBe(`127.0.0.1:${server.port}: timed out after 1s`);
    expect(performance.now() - startedAt).toBeLessThan(GAVE_UP_WITHIN_MS);
    await server.waitForNoConnections();
  });

  it("errors on a server that does not speak TLS", async () => {
    const server = await listenLocally(
      createTcpServer((socket) => socket.end("HTTP/1.1 400 Bad Request\r\n\r\n")),
    );
    opened.push(server);
    const result = await probe({ host: "127.0.0.1", port: server.port });
    expect(result.error).toBe(`127.0.0.1:${server.port}: TLS handshake failed: wrong version number`);
  });

  it("rejects an unknown target as a config error", async () => {
    const failure = await probe({ target: "nope" }, { targets: {} }).catch((error: unknown) => error);
    expect(isGonogoError(failure) && failure.message).toBe('tls: unknown target "nope"');
  });

  it("rejects a config with both or neither of target and host, or unknown keys", () => {
    expect(tlsProbe.configSchema.safeParse({ target: "api", host: "h" }).success).toBe(false);
    expect(tlsProbe.configSchema.safeParse({ port: 443 }).success).toBe(false);
    expect(tlsProbe.configSchema.safeParse({ host: "h", verify: true }).success).toBe(false);
  });
});
