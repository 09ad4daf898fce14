import { createServer } from "node:http";
import { BlockList } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalServer, listenLocally } from "../../../test/support/local-server.js";
import { probeContext } from "../../../test/support/probe-context.js";
import { refuseLinkLocal } from "../../core/probe-policy.js";
import { httpConfigSchema } from "./config.js";
import { run as runHttp } from "./runner.js";

const config = (target: string, path: string) => httpConfigSchema.parse({ target, path });

const REFUSAL = "refused here (allow_link_local)";

describe("http probe under a network policy", () => {
  let service: LocalServer;
  let requests = 0;
  beforeAll(async () => {
    service = await listenLocally(
      createServer((_request, response) => {
        requests++;
        response.end("ok");
      }),
    );
  });
  afterAll(() => service.close());

  it("refuses the cloud metadata address before connecting, with the policy's words", async () => {
    const ctx = {
      ...probeContext({ timeoutMs: 3000, targets: { meta: { url: "http://169.254.169.254" } } }),
      network: refuseLinkLocal(REFUSAL),
    };
    const started = performance.now();
    const result = await runHttp(config("meta", "/latest/meta-data/"), ctx);
    expect(result.error).toBe(`GET http://169.254.169.254/latest/meta-data/: 169.254.169.254: ${REFUSAL}`);
    // Nothing is routed to 169.254/16 here: a connection attempt would wait for the timeout.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("refuses a host name that resolves to a blocked address, and nothing reaches the server", async () => {
    const blockList = new BlockList();
    blockList.addSubnet("127.0.0.0", 8, "ipv4");
    blockList.addAddress("::1", "ipv6");
    const ctx = {
      ...probeContext({ targets: { api: { url: `http://localhost:${service.port}` } } }),
      network: { blockList, refusal: REFUSAL },
    };
    const result = await runHttp(config("api", "/health"), ctx);
    expect(result.error).toMatch(/: (127\.0\.0\.1|::1): refused here/);
    expect(requests).toBe(0);
  });

  it("without a policy, the same request goes through", async () => {
    const ctx = probeContext({ targets: { api: { url: `http://localhost:${service.port}` } } });
    const result = await runHttp(config("api", "/health"), ctx);
    expect(result.error).toBeUndefined();
    expect(requests).toBe(1);
  });
});
