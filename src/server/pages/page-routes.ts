import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { GonogoError } from "../../core/errors.js";
import { rolloutSummary } from "../../pipeline/rollout-command.js";
import { loadRolloutView, toRolloutView } from "../../pipeline/rollout-view.js";
import { renderReport } from "../../report/formats.js";
import { historyFromRuns } from "../../report/html/history.js";
import type { LatestRunSummary, ReadinessPoint, Store, StoredRun } from "../../store/index.js";
import { diffRuns } from "../../verdict/run-diff.js";
import type { Principal } from "../auth/index.js";
import type { ServerContext } from "../context.js";
import { lastSyncFailure } from "../git-source.js";
import { serviceOfRollout, serviceRolloutNames } from "../service-rollouts.js";
import { findService, type Service } from "../service-runs.js";
import { csrfTokenFor } from "../session/csrf-token.js";
import { checklistPage } from "./checklist-page.js";
import { DASHBOARD_SCRIPT } from "./dashboard-script.js";
import { diffPage } from "./diff-page.js";
import {
  arrangeRows,
  LIST_PAGE_SIZE,
  type ListQuery,
  listPage,
  listPageNumber,
  type ServiceRow,
} from "./list-page.js";
import { rolloutPage } from "./rollout-page.js";
import { rolloutsPage } from "./rollouts-page.js";
import { signoffSlots } from "./signoff-slots.js";

/** Runs charted on a page: enough to see a trend, few enough to read quickly. */
const HISTORY_RUNS = 30;

const runId = { type: "string", pattern: "^[1-9][0-9]{0,15}$" } as const;
const PAGE = { config: { browser: true }, schema: { hide: true } } as const;

/** The signed-in principal, or a redirect to the sign-in page that comes back here after. */
function signedIn(request: FastifyRequest, reply: FastifyReply): Principal | undefined {
  if (request.principal !== null) return request.principal;
  void reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
  return undefined;
}

function sendPage(reply: FastifyReply, page: string) {
  return reply.type("text/html; charset=utf-8").header("cache-control", "no-store").send(page);
}

function serviceRow(service: Service, latest: LatestRunSummary | undefined): ServiceRow {
  return {
    name: service.name,
    owner: service.owner,
    verdict: latest?.verdict ?? null,
    verifiedPct: latest?.verifiedPct ?? null,
    claimedPct: latest?.claimedPct ?? null,
    failing: latest?.failing ?? null,
    lastRunAt: latest?.startedAt ?? null,
    runId: latest?.runId ?? null,
    history: [],
  };
}

/** The rollouts the store holds under any of `names`, with their status, for links. */
async function rolloutsOf(store: Store, names: string[]): Promise<{ name: string; status: string }[]> {
  const found = await Promise.all(names.map((name) => store.getRollout(name)));
  return found.flatMap((stored) =>
    stored ? [{ name: stored.name, status: rolloutSummary(stored).status }] : [],
  );
}

/** A sparkline's points from a service's newest runs: complete ones with a verdict, oldest first (as `historyFromRuns`). */
function sparklinePoints(runs: ReadinessPoint[] = []): ServiceRow["history"] {
  const points: ServiceRow["history"] = [];
  for (const run of runs)
    if (run.complete && run.verdict !== null && run.verifiedPct !== null)
      points.push({ verifiedPct: run.verifiedPct, verdict: run.verdict });
  return points.reverse();
}

async function findRun(
  store: Store,
  id: string,
): Promise<StoredRun & { report: NonNullable<StoredRun["report"]> }> {
  const run = await store.getRun(Number(id));
  if (!run) throw new GonogoError("not-found", `run #${id} is not in the store`);
  if (!run.report) throw new GonogoError("conflict", `run #${id} did not finish: it has no report`);
  return { ...run, report: run.report };
}

/**
 * The dashboard, server-rendered: `/` (services), `/checklists/:name`, `/rollouts` and
 * `/rollouts/:name` (a rollout's timeline), `/runs/:id` (the HTML report), `/runs/:a/diff/:b`.
 * Every page needs a signed-in browser (session or trusted proxy); anyone signed in may read, and
 * forms to attest, waive, sign off and steer a rollout appear only to those `can()` allows.
 */
export async function pageRoutes(app: FastifyInstance, context: ServerContext): Promise<void> {
  const { store, services } = context;

  app.get("/assets/dashboard.js", { schema: { hide: true } }, async (_request, reply) =>
    reply.type("text/javascript; charset=utf-8").header("cache-control", "no-cache").send(DASHBOARD_SCRIPT),
  );

  app.get<{ Querystring: ListQuery }>("/", PAGE, async (request, reply) => {
    const principal = signedIn(request, reply);
    if (!principal) return reply;
    const query = request.query;
    // Every service's latest run as one small row (latest_runs), arranged; history only for the page shown.
    const latest = await store.latestRunSummaries(services.map((service) => service.key));
    const all = services.map((service) => serviceRow(service, latest.get(service.key)));
    const arranged = arrangeRows(all, query);
    const page = listPageNumber(query);
    const shown = arranged.slice((page - 1) * LIST_PAGE_SIZE, page * LIST_PAGE_SIZE);
    const keys = new Map(services.map((service) => [service.name, service.key]));
    const recent = await store.recentReadiness(
      shown.map((row) => keys.get(row.name) ?? ""),
      HISTORY_RUNS,
    );
    const rows = shown.map((row) => ({
      ...row,
      history: sparklinePoints(recent.get(keys.get(row.name) ?? "")),
    }));
    const counts = {
      go: all.filter((r) => r.verdict === "GO").length,
      total: all.length,
      matched: arranged.length,
    };
    return sendPage(
      reply,
      listPage({ rows, counts, query, now: context.now(), principal, csrf: csrfTokenFor(request, reply) }),
    );
  });

  app.get<{ Params: { name: string } }>("/checklists/:name", PAGE, async (request, reply) => {
    const principal = signedIn(request, reply);
    if (!principal) return reply;
    const service = findService(services, request.params.name);
    const [run, runs, records, rollouts] = await Promise.all([
      store.latestCompleteRun(service.key),
      store.listRuns({ checklist: service.key, limit: HISTORY_RUNS }),
      store.listSignoffs(service.key),
      rolloutsOf(store, await serviceRolloutNames(service, context.env)),
    ]);
    const previous = run ? await store.latestCompleteRun(service.key, run.id) : undefined;
    const report = run?.report ?? null;
    const view = {
      name: service.name,
      owner: service.owner,
      run: run
        ? { id: run.id, startedAt: run.startedAt, runBy: run.runBy, previousId: previous?.id ?? null }
        : null,
      report,
      history: historyFromRuns(runs),
      slots: run && report ? signoffSlots(report, run.id, records) : [],
      rollouts,
      sourceFailure: service.git ? lastSyncFailure(service.git) : null,
    };
    return sendPage(
      reply,
      checklistPage(view, { principal, csrf: csrfTokenFor(request, reply), now: context.now() }),
    );
  });

  app.get("/rollouts", PAGE, async (request, reply) => {
    const principal = signedIn(request, reply);
    if (!principal) return reply;
    const rows = await Promise.all(
      (await store.listRollouts()).map(async (stored) => {
        // The phase's name is on the timeline (the state keeps its index): the last phase change says it.
        const phases = await store.listRolloutEvents(stored.name, { kind: "phase" });
        const { rollbacks: _r, timeline: _t, ...view } = toRolloutView(stored, phases);
        return { ...view, service: serviceOfRollout(services, stored.name) };
      }),
    );
    return sendPage(
      reply,
      rolloutsPage({ rows, now: context.now(), principal, csrf: csrfTokenFor(request, reply) }),
    );
  });

  app.get<{ Params: { name: string } }>("/rollouts/:name", PAGE, async (request, reply) => {
    const principal = signedIn(request, reply);
    if (!principal) return reply;
    const view = await loadRolloutView(store, request.params.name);
    if (view === undefined)
      throw new GonogoError("not-found", `no rollout ${request.params.name} in the store (see /rollouts)`);
    const service = serviceOfRollout(services, view.name);
    return sendPage(
      reply,
      rolloutPage(view, {
        principal,
        csrf: csrfTokenFor(request, reply),
        now: context.now(),
        services: service ? [service] : [],
      }),
    );
  });

  app.get<{ Params: { id: string } }>(
    "/runs/:id",
    { ...PAGE, schema: { ...PAGE.schema, params: { type: "object", properties: { id: runId } } } },
    async (request, reply) => {
      if (!signedIn(request, reply)) return reply;
      const run = await findRun(store, request.params.id);
      const runs = await store.listRuns({
        checklist: run.checklist,
        limit: HISTORY_RUNS,
        before: run.id + 1,
      });
      const page = renderReport("html", run.report, {
        history: historyFromRuns(runs),
        generatedAt: new Date(run.startedAt),
      });
      return sendPage(reply, page);
    },
  );

  app.get<{ Params: { a: string; b: string } }>(
    "/runs/:a/diff/:b",
    { ...PAGE, schema: { ...PAGE.schema, params: { type: "object", properties: { a: runId, b: runId } } } },
    async (request, reply) => {
      const principal = signedIn(request, reply);
      if (!principal) return reply;
      const [from, to] = await Promise.all([
        findRun(store, request.params.a),
        findRun(store, request.params.b),
      ]);
      return sendPage(reply, diffPage(diffRuns(from, to), { principal, csrf: csrfTokenFor(request, reply) }));
    },
  );
}
