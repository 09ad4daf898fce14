import type { FastifyInstance } from "fastify";
import { GonogoError } from "../../core/errors.js";
import type { ServerContext } from "../context.js";
import { assertOnePosition, type Page, type PageQuery, pageOf, pageQuerySchema } from "../pagination.js";
import { API_TOKEN, actorOf, auditContextOf } from "../require-token.js";
import { refusal } from "../service-jobs.js";
import { findService, type RunSummary, runSummary, type Service } from "../service-runs.js";

const nameParams = {
  type: "object",
  required: ["name"],
  properties: { name: { type: "string", minLength: 1, maxLength: 100 } },
} as const;

/**
 * `/api/v1/checklists`: the services served, each with its latest complete run; one service's
 * sections and items with their evidence; its run history; and `POST .../runs` to verify it now.
 */
export async function checklistRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  const { store, services } = context;

  app.get<{ Querystring: PageQuery }>(
    "/api/v1/checklists",
    {
      config: { action: "read" },
      schema: {
        tags: ["checklists"],
        security: API_TOKEN,
        summary: "Every service served, with its latest complete run (paginated)",
        querystring: pageQuerySchema,
      },
    },
    async (request) => {
      const page = pageOf(services, request.query, (service) => service.name);
      // One query for the page's latest runs, without their reports.
      const latest = await store.latestCompleteRuns(page.items.map((service) => service.key));
      const items = page.items.map((service) => {
        const run = latest.get(service.key);
        return { ...describeService(service), latestRun: run ? runSummary(run) : null };
      });
      return { items, nextCursor: page.nextCursor };
    },
  );

  app.get<{ Params: { name: string } }>(
    "/api/v1/checklists/:name",
    {
      config: { action: "read" },
      schema: {
        tags: ["checklists"],
        security: API_TOKEN,
        summary: "A service's sections and items, with status and evidence from its latest complete run",
        params: nameParams,
      },
    },
    async (request) => {
      const service = findService(services, request.params.name);
      const run = (await store.latestCompleteRuns([service.key])).get(service.key);
      const report = run ? ((await context.reports.report(run.id)) ?? null) : null;
      return {
        ...describeService(service),
        run: run ? runSummary(run) : null,
        verdict: report?.verdict ?? null,
        summary: report?.summary ?? null,
        gates: report?.gates ?? [],
        sections: report?.sections ?? [],
        items: report?.items ?? [],
      };
    },
  );

  app.get<{ Params: { name: string }; Querystring: PageQuery }>(
    "/api/v1/checklists/:name/runs",
    {
      config: { action: "read" },
      schema: {
        tags: ["checklists"],
        security: API_TOKEN,
        summary: "A service's runs, newest first (paginated; the cursor is a run id)",
        params: nameParams,
        querystring: pageQuerySchema,
      },
    },
    async (request): Promise<Page<RunSummary>> => {
      const service = findService(services, request.params.name);
      const query = request.query;
      assertOnePosition(query);
      const before = query.cursor === undefined ? undefined : runCursor(query.cursor);
      const skip = query.page === undefined ? 0 : (query.page - 1) * query.limit;
      // One more than asked tells whether there is a next page.
      const runs = await store.listRuns({
        checklist: service.key,
        limit: skip + query.limit + 1,
        ...(before !== undefined && { before }),
      });
      const items = runs.slice(skip, skip + query.limit).map(runSummary);
      const last = items.at(-1);
      return { items, nextCursor: runs.length > skip + query.limit && last ? String(last.id) : null };
    },
  );

  app.post<{ Params: { name: string }; Querystring: { wait?: boolean } }>(
    "/api/v1/checklists/:name/runs",
    {
      config: { action: "run" },
      schema: {
        tags: ["checklists"],
        security: API_TOKEN,
        summary:
          "Verify the service now, through the job queue, and record the run (201 with its id and report; with ?wait=false, 202 with the job's id at once); no body needed",
        params: nameParams,
        querystring: {
          type: "object",
          properties: { wait: { type: "boolean", default: true } },
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const service = findService(services, request.params.name);
      const actor = actorOf(request.principal);
      const jobId = await context.jobs.queue.enqueue({
        service: service.name,
        actor,
        reason: "api",
        scheduledFor: null,
      });
      if (jobId === null) throw new GonogoError("unavailable", "the job queue did not take the job");
      // Audited as asked, before it runs: the run it makes records the same job id.
      await store.addAuditEvent({
        actor,
        action: "run-request",
        subject: `${service.key}#job-${jobId}`,
        at: context.now().toISOString(),
        detail: { ...auditContextOf(request), service: service.name, job: jobId },
      });
      if (request.query.wait === false) return reply.code(202).send({ jobId, state: "queued" });
      // The run and its errors are counted in the metrics of the process that ran the job.
      const outcome = await context.jobs.queue.outcome(jobId, context.shutdown);
      if (outcome?.kind === "refused" || outcome?.kind === "failed") throw refusal(outcome, jobId);
      const run = outcome ? await store.getRun(outcome.runId) : undefined;
      if (!outcome || !run?.report) {
        throw new GonogoError(
          "unavailable",
          context.shutdown.aborted
            ? `the server is shutting down: job ${jobId} was handed back and will run later`
            : `job ${jobId} failed after its retries (see the server's or the workers' log)`,
        );
      }
      return reply.code(201).header("location", `/api/v1/runs/${run.id}`).send({
        runId: run.id,
        jobId,
        verdict: run.report.verdict,
        complete: run.complete,
        // The commit verified (a service from a repository; a clean checkout), null when none is known.
        gitCommit: run.gitCommit,
        report: run.report,
      });
    },
  );
}

function describeService(service: Service) {
  return { name: service.name, owner: service.owner, checklist: service.key };
}

/** A run history's cursor: the id of the last run of the page before. */
function runCursor(text: string): number {
  const id = Number(text);
  if (!/^[1-9][0-9]{0,15}$/.test(text) || !Number.isSafeInteger(id))
    throw new GonogoError("usage", `?cursor=${text}: not a cursor of this list (a run id)`);
  return id;
}
