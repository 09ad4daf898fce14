import { createServer } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalServer, listenLocally } from "../../../test/support/local-server.js";
import { probeContext } from "../../../test/support/probe-context.js";
import {
  makeSelfSignedCertificate,
  type SelfSignedCertificate,
} from "../../../test/support/self-signed-certificate.js";
import httpProbe from "./index.js";
import { run as runHttp } from "./runner.js";

let certificate: SelfSignedCertificate;
let server: LocalServer;

beforeAll(async () => {
  certificate = makeSelfSignedCertificate();
  const https = createServer({ key: certificate.key, cert: certificate.cert }, (_request, response) => {
    response.writeHead(200, { "strict-transport-security": "max-age=63072000" }).end("secure hello");
  });
  server = await listenLocally(https, "https");
});
afterAll(async () => {
  await server.close();
  certificate.remove();
});

const run = (config: Record<string, unknown>) =>
  runHttp(httpProbe.configSchema.parse(config), probeContext({ timeoutMs: 1000 }));

describe("http probe over TLS", () => {
  it("refuses a self-signed certificate by default, saying so", async () => {
    const result = await run({ url: `${server.url}/` });
    expect(result.error).toBe(
      `GET ${server.url}/: TLS certificate rejected: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)`,
    );
    await server.waitForNoConnections();
  });

  it("measures it anyway with insecure: true", async () => {
    const result = await run({ url: `${server.url}/`, insecure: true });
    expect(result.error).toBeUndefined();
    expect(result.observations).toMatchObject({ status: 200, body: "secure hello" });
    expect(result.observations.security_headers).not.toContain("HSTS");
    await server.waitForNoConnections();
  });

  it("reports plain HTTP sent to a TLS port as a closed connection", async () => {
    const url = `${server.url.replace("https:", "http:")}/`;
    const result = await run({ url });
    expect(result.error).toBe(`GET ${url}: connection closed by the server before a complete response`);
  });
});
