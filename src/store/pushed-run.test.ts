import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FreshStore, STORE_BACKENDS } from "../../test/support/store-backends.js";
import type { JsonReport } from "../report/json.js";
import type { Store } from "./store.js";

const REPORT: JsonReport = {
  schemaVersion: 1,
  tool: { name: "gonogo", version: "0.0.0" },
  checklist: { path: "c.md", title: "C", sha256: "a".repeat(64), encoding: "utf-8", warnings: [] },
  verdict: "NO-GO",
  complete: true,
  summary: {
    items: 0,
    applicable: 0,
    pass: 0,
    fail: 0,
    error: 0,
    attested: 0,
    waived: 0,
    claimed: 0,
    open: 0,
    verifiedPct: 0,
    claimedPct: 0,
  },
  gates: [],
  sections: [],
  items: [],
  signoffSlots: [],
  lint: [],
};

for (const backend of STORE_BACKENDS) {
  describe(`a pushed run and API audit context on ${backend.name}`, () => {
    let fresh: FreshStore;
    let store: Store;

    beforeAll(async () => {
      fresh = await backend.create();
      store = await fresh.open({ user: "server" });
    });

    afterAll(async () => {
      await store?.close();
      await fresh?.drop();
    });

    it("keeps the report as a finished run and its push-report event in one go", async () => {
      const at = "2026-12-02T10:00:00.000Z";
      const meta = {
        checklist: "c.md",
        checklistSha256: REPORT.checklist.sha256,
        configHash: null,
        gitCommit: null,
        runBy: "token:ci",
        startedAt: at,
      };
      const context = { accessRole: "runner", address: "127.0.0.1" };
      const id = await store.addPushedRun(meta, { finishedAt: at, complete: true, report: REPORT }, context);
      const run = await store.getRun(id);
      expect(run).toMatchObject({ id, runBy: "token:ci", complete: true, verdict: "NO-GO", finishedAt: at });
      expect(run?.report).toEqual(REPORT);
      expect((await store.latestCompleteRun("c.md"))?.id).toBe(id);
      const event = (await store.listAudit()).find((e) => e.action === "push-report");
      expect(event).toMatchObject({
        actor: "token:ci",
        subject: `c.md#run-${id}`,
        detail: { ...context, run: id, verdict: "NO-GO", complete: true, ranBy: "server" },
      });
    });

    it("adds an API request's context to an attestation's event, never over its own fields", async () => {
      await store.addAttestation(
        {
          checklist: "c.md",
          itemId: "i",
          itemText: "Pen test done",
          by: "token:sec",
          at: "2026-12-02T10:00:00.000Z",
          expiresAt: null,
          evidence: null,
          note: null,
        },
        { accessRole: "approver", address: "::1", item: "forged" },
      );
      const event = (await store.listAudit()).find((e) => e.action === "attest");
      expect(event?.detail).toMatchObject({ item: "Pen test done", accessRole: "approver", address: "::1" });
    });
  });
}
