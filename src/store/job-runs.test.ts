import { describe, expect, it } from "vitest";
import { STORE_BACKENDS, useFreshStore } from "../../test/support/store-backends.js";
import { GonogoError } from "../core/errors.js";
import type { JsonReport } from "../report/json.js";

const report = { schemaVersion: 1, verdict: "GO", summary: { pass: 1 } } as unknown as JsonReport;

const meta = (jobId: string | null, startedAt = new Date().toISOString()) => ({
  checklist: "jobs.md",
  checklistSha256: "abc",
  configHash: null,
  gitCommit: null,
  runBy: "schedule",
  startedAt,
  jobId,
});

for (const backend of STORE_BACKENDS) {
  describe(`runs of jobs on ${backend.name}`, () => {
    const fresh = useFreshStore(backend);

    it("a job has at most one complete run: a second is kept incomplete and is a conflict", async () => {
      const finish = (id: number) =>
        fresh.store.finishRun(id, { finishedAt: new Date().toISOString(), complete: true, report });
      const first = await fresh.store.startRun(meta("job-1"));
      const second = await fresh.store.startRun(meta("job-1"));
      await finish(first);
      const refused = await finish(second).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(GonogoError);
      expect(refused).toMatchObject({ kind: "conflict" });
      expect((refused as Error).message).toBe(
        `run #${second} is kept incomplete: job job-1 was already completed by run #${first}`,
      );
      const runs = await fresh.store.listJobRuns("job-1");
      expect(runs.map((r) => [r.id, r.complete, r.jobId])).toEqual([
        [first, true, "job-1"],
        [second, false, "job-1"],
      ]);
      expect((await fresh.store.getRun(second))?.report?.verdict).toBe("GO");
      // Runs made without a job are never held to it.
      for (const id of [await fresh.store.startRun(meta(null)), await fresh.store.startRun(meta(null))])
        await finish(id);
    });

    it("finds the runs of jobs cut off, unless their job completed later", async () => {
      const since = new Date(Date.now() - 60_000).toISOString();
      const cut = await fresh.store.startRun(meta("job-2"));
      const done = await fresh.store.startRun(meta("job-3"));
      await fresh.store.startRun(meta("job-3"));
      await fresh.store.finishRun(done, { finishedAt: new Date().toISOString(), complete: true, report });
      await fresh.store.startRun(meta("job-4", "2020-01-01T00:00:00.000Z"));
      const found = await fresh.store.listCutOffJobRuns(since);
      expect(found.map((r) => [r.id, r.jobId])).toEqual([[cut, "job-2"]]);
    });
  });
}
