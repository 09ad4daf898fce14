import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FreshStore, STORE_BACKENDS } from "../../test/support/store-backends.js";
import type { CheckResult } from "../core/check-result.js";
import type { JsonReport } from "../report/json.js";
import { openStore } from "./open-store.js";
import type { NewApiToken, Store } from "./store.js";

function check(id: string, status: CheckResult["status"]): CheckResult {
  return { id, probe: "http", status, durationMs: 12, observations: { status: 200 }, expectations: [] };
}

function report(verdict: "GO" | "NO-GO", pass: number): JsonReport {
  return {
    schemaVersion: 1,
    tool: { name: "gonogo", version: "0.0.0" },
    checklist: { path: "c.md", title: "C", sha256: "abc", encoding: "utf-8", warnings: [] },
    verdict,
    summary: {
      items: 2,
      applicable: 2,
      pass,
      fail: 2 - pass,
      error: 0,
      attested: 0,
      waived: 0,
      claimed: 0,
      open: 0,
      verifiedPct: pass * 50,
      claimedPct: pass * 50,
    },
    gates: [],
    sections: [],
    items: [],
    signoffSlots: [],
    lint: [],
  };
}

const meta = (checklist: string) => ({
  checklist,
  checklistSha256: "abc",
  configHash: "def",
  gitCommit: null,
  runBy: "ana",
  startedAt: new Date().toISOString(),
});

const apiToken = (name: string, prefix: string, overrides: Partial<NewApiToken> = {}): NewApiToken => ({
  prefix,
  name,
  role: "approver",
  signoffRoles: ["Security Lead"],
  secretHash: `scrypt$N=16384,r=8,p=1$salt-of-${prefix}$hash-of-${prefix}`,
  createdAt: "2026-01-02T03:04:05.678Z",
  createdBy: "ana",
  expiresAt: "2026-04-02T00:00:00.000Z",
  ...overrides,
});

// One suite for every backend (GONOGO_STORE_BACKENDS=sqlite,postgres picks some; default all).
for (const backend of STORE_BACKENDS) {
  describe(`store on ${backend.name}`, () => {
    let fresh: FreshStore;
    let store: Store;
    beforeAll(async () => {
      fresh = await backend.create({ migratedBy: "tester" });
      store = await fresh.open({ user: "tester" });
    }, 120_000); // PGlite starts Postgres in WebAssembly: seconds, more on a loaded machine
    afterAll(async () => {
      await store?.close();
      await fresh?.drop();
    });

    it("applies its migrations once and logs each as an audit event", async () => {
      expect(await fresh.migrate("someone")).toEqual([]);
      const again = await fresh.open({ user: "someone" });
      await again.close();
      const events = await store.listAudit();
      const migrations = events.filter((e) => e.action === "migrate");
      expect(migrations.map((e) => e.subject)).toEqual(backend.migrations);
      expect(migrations.every((e) => e.actor === "tester")).toBe(true);
      expect(migrations[0]?.detail).toMatchObject({
        backend: backend.storeBackend,
        version: expect.stringMatching(/^\d+\.\d+\.\d+/),
        via: "gonogo migrate",
      });
    });

    it("opened as `existing`, refuses a location without gonogo's tables and creates none", async () => {
      const empty = await backend.create({ empty: true });
      try {
        if (backend.name === "sqlite") writeFileSync(empty.location, "");
        await expect(empty.open({ existing: true })).rejects.toThrow(/^no store at /);
        if (backend.migratesOnOpen) await (await empty.open()).close();
        else await empty.migrate();
        const reader = await empty.open({ existing: true });
        expect((await reader.listAudit()).filter((e) => e.action === "migrate")).toHaveLength(
          backend.migrations.length,
        );
        await reader.close();
      } finally {
        await empty.drop();
      }
      if (backend.name === "sqlite") {
        const missing = join(mkdtempSync(join(tmpdir(), "gonogo-store-")), "none", "gonogo.db");
        await expect(openStore({ store: missing, existing: true })).rejects.toThrow(/^no store at /);
        expect(existsSync(dirname(missing))).toBe(false);
      }
    });

    it(
      backend.migratesOnOpen
        ? "migrates itself when opened (the embedded file), as the user who opened it"
        : "opens only once migrated: pending migrations are a usage error naming gonogo migrate",
      async () => {
        const empty = await backend.create({ empty: true });
        try {
          if (backend.migratesOnOpen) {
            const opened = await empty.open({ user: "ana" });
            const events = (await opened.listAudit()).filter((e) => e.action === "migrate");
            await opened.close();
            expect(events.map((e) => [e.subject, e.actor, e.detail.via])).toEqual(
              backend.migrations.map((name) => [name, "ana", "store opened"]),
            );
            expect(await empty.migrate()).toEqual([]);
            return;
          }
          const pending = `${backend.migrations.length} migrations pending; run gonogo migrate --store ${empty.location}`;
          await expect(empty.open()).rejects.toThrow(`store ${empty.location}: ${pending}`);
          await expect(empty.open({ existing: true })).rejects.toThrow(/^no store at /);
          expect(await empty.migrate("ana")).toEqual(backend.migrations);
          expect(await empty.migrate("ana")).toEqual([]);
          const opened = await empty.open();
          expect(await opened.listRuns()).toEqual([]);
          await opened.close();
        } finally {
          await empty.drop();
        }
      },
    );

    it("records a run check by check, then its report; an unfinished run stays incomplete", async () => {
      const id = await store.startRun(meta("a.md"));
      await store.recordChecks(id, [
        { result: check("health", "pass"), recordedAt: new Date().toISOString() },
      ]);
      await store.recordChecks(id, [{ result: check("tls", "fail"), recordedAt: new Date().toISOString() }]);
      const half = await store.getRun(id);
      expect(half).toMatchObject({ id, complete: false, finishedAt: null, verdict: null, report: null });
      expect(half?.checks.map((c) => c.id)).toEqual(["health", "tls"]);
      expect(await store.latestCompleteRun("a.md")).toBeUndefined();

      await store.finishRun(id, {
        finishedAt: new Date().toISOString(),
        complete: true,
        report: report("NO-GO", 1),
      });
      const done = await store.latestCompleteRun("a.md");
      expect(done).toMatchObject({ id, complete: true, verdict: "NO-GO", runBy: "ana" });
      expect(done?.summary?.pass).toBe(1);
      expect(done?.report?.verdict).toBe("NO-GO");
    });

    it("lists runs newest first, by checklist, and finds the complete run before another", async () => {
      const first = await store.startRun(meta("b.md"));
      await store.finishRun(first, {
        finishedAt: new Date().toISOString(),
        complete: true,
        report: report("GO", 2),
      });
      const second = await store.startRun(meta("b.md"));
      await store.finishRun(second, {
        finishedAt: new Date().toISOString(),
        complete: false,
        report: report("NO-GO", 0),
      });
      const third = await store.startRun(meta("b.md"));
      const runs = await store.listRuns({ checklist: "b.md" });
      expect(runs.map((r) => r.id)).toEqual([third, second, first]);
      expect(runs.map((r) => r.complete)).toEqual([false, false, true]);
      // A page after a run: the older ones, newest first.
      const page = await store.listRuns({ checklist: "b.md", before: third, limit: 1 });
      expect(page.map((r) => r.id)).toEqual([second]);
      expect((await store.latestCompleteRun("b.md"))?.id).toBe(first);
      expect((await store.latestCompleteRun("b.md", first))?.id).toBeUndefined();
      // The same run as its report alone: what latestCompleteRun reads, without the checks.
      const latest = await store.latestCompleteRun("b.md");
      expect(await store.latestCompleteReport("b.md")).toEqual({ id: first, report: latest?.report });
      expect(await store.latestCompleteReport("b.md", third)).toEqual({ id: first, report: latest?.report });
      expect((await store.latestCompleteReport("b.md"))?.report?.verdict).toBe("GO");
      expect(await store.latestCompleteReport("b.md", first)).toBeUndefined();
      expect(await store.latestCompleteReport("nothing.md")).toBeUndefined();
      expect((await store.listRuns()).length).toBeGreaterThanOrEqual(4);
      expect(await store.getRun(999_999)).toBeUndefined();
    });

    it("reads the latest complete run of many checklists at once, without reports, and a run's report as stored", async () => {
      const finish = async (checklist: string, complete: boolean, verdict: "GO" | "NO-GO") => {
        const id = await store.startRun(meta(checklist));
        await store.finishRun(id, {
          finishedAt: new Date().toISOString(),
          complete,
          report: report(verdict, 1),
        });
        return id;
      };
      const older = await finish("many-1.md", true, "NO-GO");
      const newest = await finish("many-1.md", true, "GO");
      await finish("many-1.md", false, "NO-GO");
      const other = await finish("many-2.md", true, "NO-GO");
      await store.startRun(meta("many-3.md"));
      // Many checklists at once, most with no run at all.
      const keys = [
        "many-1.md",
        "many-2.md",
        "many-3.md",
        ...Array.from({ length: 150 }, (_, n) => `none-${n}.md`),
      ];
      const latest = await store.latestCompleteRuns(keys);
      expect([...latest.keys()].sort()).toEqual(["many-1.md", "many-2.md"]);
      expect(latest.get("many-1.md")).toMatchObject({ id: newest, verdict: "GO", complete: true });
      expect(latest.get("many-1.md")?.summary?.pass).toBe(1);
      expect(latest.get("many-1.md")).not.toHaveProperty("report");
      expect(latest.get("many-2.md")?.id).toBe(other);
      expect(older).toBeLessThan(newest);
      expect((await store.latestCompleteRuns([])).size).toBe(0);

      // The dashboard's sparklines: each checklist's newest runs, complete or not, in one query,
      // as the runs themselves say them.
      const recent = await store.recentReadiness(["many-1.md", "many-2.md", "none-0.md"], 2);
      for (const checklist of ["many-1.md", "many-2.md"])
        expect(recent.get(checklist)).toEqual(
          (await store.listRuns({ checklist, limit: 2 })).map((run) => ({
            runId: run.id,
            complete: run.complete,
            verdict: run.verdict,
            verifiedPct: run.summary?.verifiedPct ?? null,
            claimedPct: run.summary?.claimedPct ?? null,
          })),
        );
      expect(recent.get("many-1.md")?.map((point) => point.complete)).toEqual([false, true]);
      expect(recent.get("none-0.md")).toEqual([]);

      const read = await store.getRunReport(newest);
      expect(read?.run).toMatchObject({ id: newest, verdict: "GO" });
      expect(JSON.parse(read?.report ?? "null")).toEqual((await store.getRun(newest))?.report);
      const unfinished = await store.startRun(meta("many-4.md"));
      expect((await store.getRunReport(unfinished))?.report).toBeNull();
      expect(await store.getRunReport(999_999)).toBeUndefined();
    });

    it("keeps attestations, waivers and files by hash, each with an audit event", async () => {
      const at = new Date().toISOString();
      const ref = await store.putBlob(new TextEncoder().encode("runbook v2"), "runbook.md");
      expect(ref).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(await store.putBlob(new TextEncoder().encode("runbook v2"), "again.md")).toBe(ref);
      const blob = await store.getBlob(ref);
      expect(new TextDecoder().decode(blob?.bytes)).toBe("runbook v2");
      expect(blob?.name).toBe("runbook.md");

      await store.addAttestation({
        checklist: "c.md",
        itemId: "ops-runbook",
        itemText: "Runbook reviewed",
        by: "ana",
        at,
        expiresAt: null,
        evidence: ref,
        note: "read it twice",
      });
      await store.addWaiver({
        checklist: "c.md",
        itemId: "k8s",
        itemText: "K8s probes (if using K8s)",
        reason: "runs on VMs",
        by: "bo",
        at,
        until: "2027-06-30",
      });
      expect(await store.listAttestations("c.md")).toMatchObject([{ itemId: "ops-runbook", evidence: ref }]);
      expect(await store.listWaivers("c.md")).toMatchObject([{ itemId: "k8s", until: "2027-06-30" }]);
      expect(await store.listAttestations("other.md")).toEqual([]);
      const actions = (await store.listAudit()).map((e) => `${e.action} ${e.actor} ${e.subject}`);
      expect(actions).toContain("attest ana c.md#ops-runbook");
      expect(actions).toContain("waive bo c.md#k8s");
      // --by says who vouches; the event also keeps who ran the command (the store's opener).
      const attest = (await store.listAudit()).find((e) => e.action === "attest");
      expect(attest?.detail).toMatchObject({ ranBy: "tester" });
    });

    it("records sign-offs and voids one once, with who and why", async () => {
      const runId = await store.startRun(meta("d.md"));
      const id = await store.addSignoff({
        checklist: "d.md",
        sectionId: "security",
        sectionTitle: "Security",
        by: "Ana Diaz",
        role: "Security Lead",
        at: new Date().toISOString(),
        runId,
        hash: "h",
        statuses: { "security-tls": "pass" },
      });
      const later = await store.startRun(meta("d.md"));
      await store.voidSignoff(id, {
        at: new Date().toISOString(),
        runId: later,
        reason: "TLS regressed",
        actor: "ci",
      });
      await store.voidSignoff(id, {
        at: new Date().toISOString(),
        runId: later,
        reason: "again",
        actor: "ci",
      });
      const [signoff] = await store.listSignoffs("d.md");
      expect(signoff).toMatchObject({ role: "Security Lead", voidRunId: later, voidReason: "TLS regressed" });
      expect(signoff?.statuses).toEqual({ "security-tls": "pass" });
      const voids = (await store.listAudit()).filter((e) => e.action === "signoff-void");
      expect(voids).toHaveLength(1);
      expect(voids[0]?.detail).toMatchObject({ reason: "TLS regressed", by: "Ana Diaz" });
    });

    it("issues API tokens with an audit event that holds neither secret nor hash", async () => {
      const issued = await store.addApiToken(apiToken("ci", "ggo_0000c1c1"));
      expect(issued).toEqual({
        id: expect.any(Number),
        prefix: "ggo_0000c1c1",
        name: "ci",
        role: "approver",
        signoffRoles: ["Security Lead"],
        createdAt: "2026-01-02T03:04:05.678Z",
        createdBy: "ana",
        expiresAt: "2026-04-02T00:00:00.000Z",
        lastUsedAt: null,
        revokedAt: null,
        revokedBy: null,
      });
      expect(await store.findApiToken("ggo_0000c1c1")).toEqual({
        ...issued,
        secretHash: "scrypt$N=16384,r=8,p=1$salt-of-ggo_0000c1c1$hash-of-ggo_0000c1c1",
      });
      expect(await store.findApiToken("ggo_ffffffff")).toBeUndefined();
      expect((await store.listApiTokens()).map((t) => t.name)).toContain("ci");
      expect(JSON.stringify(await store.listApiTokens())).not.toContain("hash-of");
      const events = (await store.listAudit()).filter((e) => e.subject === "token:ci");
      expect(events).toEqual([
        {
          seq: expect.any(Number),
          at: "2026-01-02T03:04:05.678Z",
          actor: "ana",
          action: "token-create",
          subject: "token:ci",
          detail: {
            prefix: "ggo_0000c1c1",
            role: "approver",
            signoffRoles: ["Security Lead"],
            expiresAt: "2026-04-02T00:00:00.000Z",
            ranBy: "tester",
          },
        },
      ]);
    });

    it("refuses a second live token of one name as a conflict, and records nothing for it", async () => {
      await store.addApiToken(apiToken("deploy", "ggo_0000d001"));
      const again = store.addApiToken(apiToken("deploy", "ggo_0000d002", { role: "admin" }));
      await expect(again).rejects.toMatchObject({ name: "GonogoError", kind: "conflict" });
      await expect(again).rejects.toThrow('an API token named "deploy" already exists');
      // Two at once: the partial unique index stops the one the read did not.
      const racing = await Promise.allSettled([
        store.addApiToken(apiToken("race", "ggo_0000e001")),
        store.addApiToken(apiToken("race", "ggo_0000e002")),
      ]);
      expect(racing.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      const refused = racing.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ kind: "conflict" });
      expect(await store.findApiToken("ggo_0000d002")).toBeUndefined();
      const creates = (await store.listAudit()).filter((e) => e.action === "token-create");
      expect(creates.filter((e) => e.subject === "token:deploy")).toHaveLength(1);
      expect(creates.filter((e) => e.subject === "token:race")).toHaveLength(1);
    });

    it("revokes a live token by name once, audited; its name may then be given again", async () => {
      await store.addApiToken(apiToken("old", "ggo_00000001", { role: "runner", signoffRoles: [] }));
      const revoked = await store.revokeApiToken("old", { at: "2026-02-01T00:00:00.000Z", actor: "bo" });
      expect(revoked).toMatchObject({ name: "old", revokedAt: "2026-02-01T00:00:00.000Z", revokedBy: "bo" });
      expect(
        await store.revokeApiToken("old", { at: "2026-02-02T00:00:00.000Z", actor: "bo" }),
      ).toBeUndefined();
      expect(
        await store.revokeApiToken("never-was", { at: "2026-02-02T00:00:00.000Z", actor: "bo" }),
      ).toBeUndefined();
      expect((await store.listApiTokens()).map((t) => t.name)).not.toContain("old");
      expect((await store.listApiTokens({ includeRevoked: true })).map((t) => t.name)).toContain("old");
      expect((await store.findApiToken("ggo_00000001"))?.revokedAt).toBe("2026-02-01T00:00:00.000Z");

      const renewed = await store.addApiToken(
        apiToken("old", "ggo_00000002", { role: "viewer", signoffRoles: [] }),
      );
      expect(renewed).toMatchObject({ name: "old", role: "viewer", revokedAt: null });
      const events = (await store.listAudit()).filter((e) => e.subject === "token:old");
      expect(events.map((e) => [e.action, e.actor, e.detail.prefix])).toEqual([
        ["token-create", "ana", "ggo_00000001"],
        ["token-revoke", "bo", "ggo_00000001"],
        ["token-create", "ana", "ggo_00000002"],
      ]);
    });

    it("notes when a token was last used", async () => {
      const token = await store.addApiToken(apiToken("used", "ggo_0000a5ed", { expiresAt: null }));
      await store.touchApiToken(token.id, "2026-03-01T10:00:00.000Z");
      expect(await store.findApiToken("ggo_0000a5ed")).toMatchObject({
        lastUsedAt: "2026-03-01T10:00:00.000Z",
        expiresAt: null,
      });
    });
  });
}
