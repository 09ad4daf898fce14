import { BlockList } from "node:net";
import { describe, expect, it } from "vitest";
import { probeContext } from "../../test/support/probe-context.js";
import { refuseLinkLocal } from "../core/probe-policy.js";
import { PROBES } from "./registry.js";
import { refusedHost } from "./shared/network-policy.js";
import type { ProbeContext } from "./types.js";

const REFUSAL = "refused here (allow_link_local)";

/** Each probe that connects out, pointed at `host`; the config as a user writes it. */
function checksAt(host: string): { probe: string; url: string; config: Record<string, unknown> }[] {
  const at = host.includes(":") ? `[${host}]` : host;
  return [
    { probe: "http", url: `http://${at}`, config: { target: "t", path: "/latest/meta-data/" } },
    { probe: "metrics", url: `http://${at}/metrics`, config: { target: "t" } },
    { probe: "promql", url: `http://${at}:9090`, config: { target: "t", query: "up" } },
    { probe: "tls", url: `https://${at}`, config: { target: "t" } },
    { probe: "load", url: `http://${at}`, config: { target: "t", path: "/", duration: "1s", vus: 1 } },
    { probe: "burst", url: `http://${at}`, config: { target: "t", path: "/", requests: 5 } },
    { probe: "sql", url: `postgres://app:pw@${at}:5432/app`, config: { target: "t", query: "select 1" } },
    { probe: "sql", url: `mysql://root@${at}:3306/app`, config: { target: "t", query: "select 1" } },
    { probe: "redis", url: `redis://${at}:6379`, config: { target: "t" } },
  ];
}

async function runUnderPolicy(probeName: string, url: string, config: Record<string, unknown>) {
  const probe = PROBES.get(probeName);
  if (!probe) throw new Error(`no probe ${probeName}`);
  const ctx: ProbeContext = {
    ...probeContext({ timeoutMs: 4000, targets: { t: { url } } }),
    network: refuseLinkLocal(REFUSAL),
  };
  const runner = await probe.loadRunner();
  const started = performance.now();
  const result = await runner.run(probe.configSchema.parse(config), ctx);
  return { result, ms: performance.now() - started };
}

describe("every probe that connects out, under the server's network policy", () => {
  for (const host of ["169.254.169.254", "fd00:ec2::254", "metadata.google.internal"])
    for (const check of checksAt(host))
      it(`${check.probe} refuses ${check.url} before connecting, naming the target and why`, async () => {
        const { result, ms } = await runUnderPolicy(check.probe, check.url, check.config);
        expect(result.error).toContain(`${host}`);
        expect(result.error).toContain(`: ${REFUSAL}`);
        // Nothing answers on 169.254/16 here: a connection attempt would wait for the 4 s timeout.
        expect(ms).toBeLessThan(1500);
        expect(result.observations).toEqual({});
      });
});

describe("refusedHost", () => {
  const policy = { network: refuseLinkLocal(REFUSAL) };

  it("refuses blocked addresses, mapped and bracketed forms, and metadata names; lets others through", async () => {
    expect(await refusedHost("169.254.169.254", policy)).toBe(`169.254.169.254: ${REFUSAL}`);
    expect(await refusedHost("[fe80::1]", policy)).toBe(`fe80::1: ${REFUSAL}`);
    expect(await refusedHost("::ffff:169.254.1.1", policy)).toBe(`::ffff:169.254.1.1: ${REFUSAL}`);
    expect(await refusedHost("METADATA.google.internal.", policy)).toBe(
      `METADATA.google.internal.: ${REFUSAL}`,
    );
    expect(await refusedHost("127.0.0.1", policy)).toBeUndefined();
    expect(await refusedHost("localhost", policy)).toBeUndefined();
    // No policy (the CLI): nothing is refused.
    expect(await refusedHost("169.254.169.254", {})).toBeUndefined();
  });

  it("resolves a name and refuses it when an address it resolves to is blocked", async () => {
    const blockList = new BlockList();
    blockList.addSubnet("127.0.0.0", 8, "ipv4");
    blockList.addAddress("::1", "ipv6");
    const refused = await refusedHost("localhost", { network: { blockList, refusal: REFUSAL } });
    expect(refused).toMatch(/^localhost \((127\.0\.0\.1|::1)\): refused here/);
  });

  it("refuses a Postgres URL whose host= parameter names a blocked address", async () => {
    const { result } = await runUnderPolicy("sql", "postgres://app@127.0.0.1:5432/app?host=169.254.169.254", {
      target: "t",
      query: "select 1",
    });
    expect(result.error).toContain(`169.254.169.254: ${REFUSAL}`);
  });
});
