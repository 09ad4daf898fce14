import type { FastifyInstance } from "fastify";
import { loadChecklist } from "../../checklist/index.js";
import { GonogoError } from "../../core/errors.js";
import { parseReport } from "../../model/parse-report.js";
import type { JsonReport } from "../../model/report.js";
import type { Store } from "../../store/index.js";
import { recheckReport } from "../../verdict/recheck-report.js";
import { judgeSignoffs } from "../../verdict/signoffs.js";
import type { ServerContext } from "../context.js";
import { API_TOKEN, actorOf, auditContextOf } from "../require-token.js";
import { refreshServiceFiles } from "../service-documents.js";
import { findService, type Service } from "../service-runs.js";
import { nameParams } from "./route-schemas.js";

/** A report carries every check's evidence: more room than the other routes' small bodies. */
export const REPORT_BODY_LIMIT = 8 * 1024 * 1024;

/**
 * What a pushed report must be before it is a run: a JSON report v1 as gonogo writes it (strict:
 * an unknown key is refused), of a verify (with a verdict), of the checklist this service serves,
 * and agreeing with its own items (`recheckReport`): a verdict, gate, summary or status edited
 * by hand is refused (422) with what disagrees.
 */
export async function acceptPushedReport(service: Service, body: unknown): Promise<JsonReport> {
  const parsed = parseReport(body, { unknownKeys: "refuse" });
  if (!parsed.ok)
    throw new GonogoError(
      "input",
      "the body is not a JSON report v1 as gonogo verify --format json writes it",
      parsed.issues,
    );
  const { report } = parsed;
  if (report.verdict === undefined || report.gates === undefined)
    throw new GonogoError(
      "input",
      "the report has no verdict or gates: push the report of gonogo verify, not of gonogo status",
    );
  await refreshServiceFiles(service);
  const served = await loadChecklist(service.checklistPath);
  if (report.checklist.sha256 !== served.source.sha256)
    throw new GonogoError(
      "input",
      `the report is of a checklist (${report.checklist.path}, sha256 ${report.checklist.sha256.slice(0, 12)}) that is not the one ${service.name} serves (sha256 ${served.source.sha256.slice(0, 12)}): push it to its own service, or bring the server's copy up to date`,
    );
  const disagreements = recheckReport(report);
  if (disagreements.length > 0)
    throw new GonogoError(
      "input",
      `the report disagrees with its own items (${disagreements.length} ${disagreements.length === 1 ? "problem" : "problems"}): it was edited after gonogo wrote it`,
      disagreements,
    );
  return report;
}

/** A complete pushed run judges the recorded sign-offs as a run on the server does: a regression voids one. */
async function voidRegressedSignoffs(
  store: Store,
  key: string,
  runId: number,
  report: JsonReport,
  voided: { at: string; actor: string },
): Promise<void> {
  if (report.complete === false) return;
  const statuses = new Map(report.items.map((i) => [i.id, i.status]));
  const records = await store.listSignoffs(key);
  const { voids } = judgeSignoffs(records, report.sections, report.items, statuses, runId);
  for (const v of voids) await store.voidSignoff(v.id, { ...voided, runId, reason: v.reason });
}

/** `POST /api/v1/checklists/:name/reports`: CI pushes the JSON report of a verify it ran; it is kept as a run. */
export async function reportRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  const { store, services } = context;

  app.post<{ Params: { name: string }; Body: unknown }>(
    "/api/v1/checklists/:name/reports",
    {
      config: { action: "push-report" },
      bodyLimit: REPORT_BODY_LIMIT,
      schema: {
        tags: ["runs"],
        security: API_TOKEN,
        summary:
          "Push the JSON report (schemaVersion 1) of a verify run elsewhere (gonogo verify --push): rechecked against the report model and its own items (422 if it disagrees), kept as a run by token:<name> (201 with its id)",
        params: nameParams,
        body: {
          type: "object",
          description:
            "a JSON report v1 (schema/report.schema.json), as gonogo verify --format json prints it",
        },
      },
    },
    async (request, reply) => {
      const service = findService(services, request.params.name);
      const report = await acceptPushedReport(service, request.body);
      const actor = actorOf(request.principal);
      const at = context.now().toISOString();
      const complete = report.complete ?? true;
      const runId = await store.addPushedRun(
        {
          checklist: service.key,
          checklistSha256: report.checklist.sha256,
          configHash: null,
          gitCommit: null,
          runBy: actor,
          startedAt: at,
        },
        { finishedAt: at, complete, report },
        { ...auditContextOf(request), pushed: true },
      );
      await voidRegressedSignoffs(store, service.key, runId, report, { at, actor });
      context.metrics.countRun(service.name, report.verdict ?? "NO-GO");
      return reply
        .code(201)
        .header("location", `/api/v1/runs/${runId}`)
        .send({ runId, verdict: report.verdict, complete, pushed: true });
    },
  );
}
