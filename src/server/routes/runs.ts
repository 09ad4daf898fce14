import type { FastifyInstance } from "fastify";
import { GonogoError } from "../../core/errors.js";
import { FORMATS, type Format, renderReport } from "../../report/formats.js";
import type { Store, StoredRun } from "../../store/index.js";
import { type DiffableRun, diffRuns } from "../../verdict/run-diff.js";
import type { ServerContext } from "../context.js";
import { API_TOKEN } from "../require-token.js";

const runId = { type: "string", pattern: "^[1-9][0-9]{0,15}$" } as const;

const CONTENT_TYPES: Record<Format, string> = {
  json: "application/json; charset=utf-8",
  text: "text/plain; charset=utf-8",
  markdown: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
  junit: "application/xml; charset=utf-8",
};

/** `/api/v1/runs/:id`: a recorded run's JSON report v1, or rendered; `/runs/:a/diff/:b`: what changed. */
export async function runRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  const { store } = context;

  app.get<{ Params: { id: string }; Querystring: { format: Format } }>(
    "/api/v1/runs/:id",
    {
      config: { action: "read" },
      schema: {
        tags: ["runs"],
        security: API_TOKEN,
        summary: "A run's JSON report (schemaVersion 1), or rendered with ?format=",
        params: { type: "object", required: ["id"], properties: { id: runId } },
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: { format: { type: "string", enum: [...FORMATS], default: "json" } },
        },
      },
    },
    async (request, reply) => {
      const id = Number(request.params.id);
      const found = await context.reports.find(id);
      if (!found) throw new GonogoError("not-found", `run #${id} is not in the store`);
      if (found.json === null) throw unfinished(id);
      const format = request.query.format;
      // The report as stored: no parse, no stringify. Other formats render from the parsed report.
      if (format === "json") return reply.type(CONTENT_TYPES.json).send(found.json);
      const report = await context.reports.report(id);
      if (!report) throw unfinished(id);
      const body = renderReport(format, report, { generatedAt: new Date(found.run.startedAt) });
      return reply.type(CONTENT_TYPES[format]).send(body);
    },
  );

  app.get<{ Params: { a: string; b: string } }>(
    "/api/v1/runs/:a/diff/:b",
    {
      config: { action: "read" },
      schema: {
        tags: ["runs"],
        security: API_TOKEN,
        summary:
          "Items that regressed or recovered from run a to run b, with their evidence (as gonogo diff --json)",
        params: { type: "object", required: ["a", "b"], properties: { a: runId, b: runId } },
      },
    },
    async (request) => {
      const from = finished(await findRun(store, request.params.a));
      const to = finished(await findRun(store, request.params.b));
      return diffRuns(from, to);
    },
  );
}

async function findRun(store: Store, id: string): Promise<StoredRun> {
  const run = await store.getRun(Number(id));
  if (!run) throw new GonogoError("not-found", `run #${id} is not in the store`);
  return run;
}

/** A run with its report; one killed before its report has none to show or compare (409). */
function finished(run: StoredRun): DiffableRun {
  if (!run.report) throw unfinished(run.id);
  return { ...run, report: run.report };
}

function unfinished(id: number): GonogoError {
  return new GonogoError("conflict", `run #${id} did not finish: it has no report`);
}
