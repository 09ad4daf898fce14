import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DriverDocument } from "../../src/rollout/driver.js";
import type { RolloutState } from "../../src/rollout/machine.js";
import { openStore } from "../../src/store/index.js";
import { createToken, type ServeProcess, startServe } from "../support/serve-process.js";

/** A rollout as the driver leaves it after one rollback: stored through the repository, as the driver writes it. */
function rolledBack(): DriverDocument {
  const machine: RolloutState = {
    revision: "abc123",
    status: "rolled-back",
    phase: 1,
    soakStartedAt: null,
    wantedWeight: 0,
    readWeight: 0,
    pending: null,
    gates: {},
    reason: "error-ratio breached: 0.2 > 0.05",
    breachAt: Date.parse("2026-12-02T10:00:01.000Z"),
    safeAt: Date.parse("2026-12-02T10:00:01.420Z"),
    setAttempts: 0,
    seq: 4,
  };
  return { machine, commandsSeen: 0, evaluated: { soak: null, at: {} } };
}

async function recordRollout(storePath: string, name: string): Promise<void> {
  const store = await openStore({ store: storePath });
  try {
    const now = "2026-12-02T10:00:00.000Z";
    expect(await store.acquireRolloutLease(name, "seed", { now, until: "2026-12-02T10:00:30.000Z" })).toBe(
      true,
    );
    const saved = await store.saveRollout(name, "seed", {
      revision: "abc123",
      state: rolledBack(),
      at: now,
      events: [
        { at: now, kind: "started", detail: { revision: "abc123" } },
        {
          at: "2026-12-02T10:00:01.420Z",
          kind: "rolled-back",
          key: "rb-1",
          detail: { breachToSafeMs: 420, reason: "error-ratio breached" },
        },
      ],
    });
    expect(saved).toBe(true);
    await store.releaseRolloutLease(name, "seed");
  } finally {
    await store.close();
  }
}

describe("gonogo serve: /api/v1/rollouts", () => {
  let server: ServeProcess;
  let storePath: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "gonogo-serve-rollouts-"));
    mkdirSync(join(dir, "checkout"));
    writeFileSync(join(dir, "checkout", "LAUNCH.md"), "# checkout\n\n## Health\n- [ ] Health answers 200\n");
    writeFileSync(
      join(dir, "gonogo-server.yml"),
      "services:\n  - { name: checkout, checklist: checkout/LAUNCH.md }\n",
    );
    storePath = join(dir, "gonogo.db");
    for (const role of ["viewer", "approver"]) tokens[role] = await createToken(storePath, `t-${role}`, role);
    await recordRollout(storePath, "checkout");
    server = await startServe(["--config", join(dir, "gonogo-server.yml"), "--store", storePath]);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  const as = (role: string) => tokens[role] ?? "";

  it("lists the rollouts, paginated, and shows one with its timeline and breach-to-safe time", async () => {
    const list = await server.fetchAs(as("viewer"), "/api/v1/rollouts?limit=10");
    expect(list.status).toBe(200);
    expect(await list.json()).toMatchObject({
      items: [{ name: "checkout", status: "rolled-back", revision: "abc123", phaseIndex: 1 }],
      nextCursor: null,
    });
    const one = await server.fetchAs(as("viewer"), "/api/v1/rollouts/checkout");
    expect(one.status).toBe(200);
    const body = (await one.json()) as { rollbacks: unknown[]; timeline: { kind: string }[] };
    expect(body.rollbacks).toEqual([
      { at: "2026-12-02T10:00:01.420Z", breachToSafeMs: 420, reason: "error-ratio breached" },
    ]);
    expect(body.timeline.map((e) => e.kind)).toEqual(["started", "rolled-back"]);
  });

  it("refuses a command without a token (401) and from a viewer (403), and records nothing", async () => {
    expect((await server.fetch("/api/v1/rollouts/checkout/abort", { method: "POST" })).status).toBe(401);
    expect((await server.fetch("/api/v1/rollouts")).status).toBe(401);
    const refused = await server.fetchAs(as("viewer"), "/api/v1/rollouts/checkout/pause", { method: "POST" });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/steer-rollout needs the approver role/);
    const one = (await (await server.fetchAs(as("viewer"), "/api/v1/rollouts/checkout")).json()) as {
      timeline: { kind: string }[];
    };
    expect(one.timeline.filter((e) => e.kind === "command")).toEqual([]);
  });

  it("records an approver's command on the timeline (202) with its audit event: actor, role, address", async () => {
    const accepted = await server.fetchAs(as("approver"), "/api/v1/rollouts/checkout/promote", {
      method: "POST",
    });
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toEqual({
      rollout: "checkout",
      command: "promote",
      by: "token:t-approver",
      drivenBy: null,
    });
    const one = (await (await server.fetchAs(as("viewer"), "/api/v1/rollouts/checkout")).json()) as {
      timeline: { kind: string; detail: Record<string, unknown> }[];
    };
    expect(one.timeline.filter((e) => e.kind === "command").map((e) => e.detail)).toEqual([
      { type: "promote", by: "token:t-approver" },
    ]);
    const audit = (await (await server.fetchAs(as("approver"), "/api/v1/audit")).json()) as {
      items: { action: string; actor: string; subject: string; detail: Record<string, unknown> }[];
    };
    expect(audit.items.find((e) => e.action === "rollout-command")).toMatchObject({
      actor: "token:t-approver",
      subject: "checkout",
      detail: { type: "promote", accessRole: "approver", address: "127.0.0.1" },
    });
  });

  it("answers 404 for a rollout the store does not hold, to a read and to a command", async () => {
    expect((await server.fetchAs(as("viewer"), "/api/v1/rollouts/nope")).status).toBe(404);
    const command = await server.fetchAs(as("approver"), "/api/v1/rollouts/nope/abort", { method: "POST" });
    expect(command.status).toBe(404);
    expect(await command.text()).toMatch(/no rollout nope/);
  });

  it("lists the routes in the OpenAPI document", async () => {
    const doc = (await (await server.fetch("/openapi.json")).json()) as { paths: Record<string, object> };
    for (const path of ["/api/v1/rollouts", "/api/v1/rollouts/{name}"])
      expect(doc.paths[path]).toHaveProperty("get");
    for (const command of ["promote", "pause", "resume", "abort"])
      expect(doc.paths[`/api/v1/rollouts/{name}/${command}`]).toHaveProperty("post");
  });
});
