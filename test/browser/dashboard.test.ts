import { request as httpRequest } from "node:http";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/chromium.js";
import {
  type DashboardTarget,
  startDashboardTarget,
  writeDashboardProject,
} from "../support/dashboard-project.js";
import { sampleTimeline, storeSampleRollout } from "../support/rollout-timeline.js";
import { runCli } from "../support/run-cli.js";
import { createToken, type ServeProcess, startServe } from "../support/serve-process.js";
import { readTimelineSvg } from "../support/timeline-svg.js";

/** The only address trusted to name people in X-Forwarded-Email; the browser connects from 127.0.0.1. */
const PROXY = "127.0.0.2";

/** A GET or POST from a chosen local address (a proxy's), with headers; status and body. */
function fromAddress(
  url: string,
  localAddress: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? "GET", headers: options.headers, localAddress },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, location: res.headers.location }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

/** Fetch from inside the page, as its script would: cookie included, CSRF header when asked. */
function fetchFromPage(
  page: Page,
  path: string,
  options: { method?: string; csrf: boolean; body?: unknown },
) {
  return page.evaluate(
    async ({ path, method, csrf, body }) => {
      // Runs in the page; tsconfig has no DOM types, so the one DOM call is typed here.
      const page = globalThis as unknown as {
        document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null };
      };
      const token = page.document.querySelector('meta[name="csrf-token"]')?.getAttribute("content") ?? "";
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (csrf) headers["x-csrf-token"] = token;
      const response = await fetch(path, {
        method,
        headers,
        credentials: "same-origin",
        body: body === undefined ? "{}" : JSON.stringify(body),
      });
      return { status: response.status, text: await response.text() };
    },
    { path, method: options.method ?? "POST", csrf: options.csrf, body: options.body },
  );
}

describe("the dashboard in Chromium", () => {
  let browser: Browser;
  let server: ServeProcess;
  let target: DashboardTarget;
  let store: string;
  let project: { dir: string; config: string };
  const tokens = { viewer: "", runner: "", approver: "" };
  const contexts: BrowserContext[] = [];

  async function verifyNow(): Promise<number> {
    const response = await server.fetchAs(tokens.runner, "/api/v1/checklists/orders/runs", {
      method: "POST",
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return ((await response.json()) as { runId: number }).runId;
  }

  /** A fresh browser profile signed in with `token` through the sign-in form. */
  async function signedIn(token: string): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await page.fill('input[name="token"]', token);
    await Promise.all([page.waitForURL(`${server.url}/`), page.click('button[type="submit"]')]);
    return page;
  }

  beforeAll(async () => {
    target = await startDashboardTarget();
    project = writeDashboardProject({ trustedProxy: PROXY });
    store = join(project.dir, "runs.db");
    tokens.viewer = await createToken(store, "vera", "viewer");
    tokens.runner = await createToken(store, "ci", "runner");
    tokens.approver = await createToken(store, "sam", "approver", ["Security Lead"]);
    // The orders rollout, holding in phase half for a person (as the driver leaves it).
    await storeSampleRollout(store, "orders", sampleTimeline("holding"));
    server = await startServe(["--config", project.config, "--store", store], {
      env: { ORDERS_URL: target.url },
    });
    browser = await launchChromium();
    await verifyNow();
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
    await target?.close();
  });

  it("signs in with a pasted token: an HttpOnly session cookie, never the token", async () => {
    const page = await signedIn(tokens.viewer);
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === "gonogo_session");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
    expect(session?.expires).toBeGreaterThan(Date.now() / 1000);
    // The secret follows `ggo_<8 hex>_` and may itself hold "_" (base64url).
    const secret = tokens.viewer.slice("ggo_12345678_".length);
    expect(secret).toHaveLength(43);
    for (const cookie of cookies) expect(cookie.value).not.toContain(secret);
    expect(await page.textContent("header.top")).toContain("vera · viewer");
  });

  it("lists the services verdict first, with scores, sparkline, age and failing count", async () => {
    const page = await signedIn(tokens.viewer);
    const rows = page.locator("#services tbody tr");
    expect(await rows.count()).toBe(2);
    const orders = page.locator('tr[data-service="orders"]');
    const cells = await orders.locator("td").allTextContents();
    expect(cells[0]).toBe("NO-GO");
    expect(cells[2]).toBe("50.0%");
    // The failing item is ticked, and a failed check outweighs a tick: it is not claimed either.
    expect(cells[3]).toBe("50.0%");
    expect(cells[5]).toMatch(/^\d+[smhd] ago$/);
    expect(cells[6]).toBe("1");
    expect(await orders.locator("svg.spark polyline").count()).toBe(1);
    expect(await page.locator('tr[data-service="search"] td').first().textContent()).toBe("no run");
    // NO-GO before a service never run; sorted by name descending, search comes first.
    expect(await rows.first().getAttribute("data-service")).toBe("orders");
    await page.goto(`${server.url}/?sort=name&dir=desc`);
    expect(await page.locator("#services tbody tr").first().getAttribute("data-service")).toBe("search");
    await page.goto(`${server.url}/?q=pay`);
    expect(await page.locator("#services tbody tr").count()).toBe(1);
  });

  it("opens a checklist: verdict, what blocks it, and a failing item's evidence", async () => {
    const page = await signedIn(tokens.viewer);
    await Promise.all([page.waitForURL(/\/checklists\/orders$/), page.click('a[href="/checklists/orders"]')]);
    expect(await page.textContent("#verdict .verdict")).toBe("NO-GO");
    const blockers = await page.textContent("#blockers");
    expect(blockers).toContain("Error budget endpoint answers 200");
    const failing = page.locator('li.item[data-status="fail"]');
    expect(await failing.count()).toBe(1);
    const evidence = await failing.locator("pre.evidence").textContent();
    expect(evidence).toContain("check budget (http");
    expect(evidence).toMatch(/status 500 == 200/);
    expect(await page.locator("#signoffs tr.slot.missing").count()).toBe(1);
    expect(await page.locator("svg.chart").count()).toBe(1);
  });

  it("shows a viewer no form, and refuses a POST with its session and CSRF token by role (403)", async () => {
    const page = await signedIn(tokens.viewer);
    await page.goto(`${server.url}/checklists/orders`);
    expect(await page.locator("form.act").count()).toBe(0);
    expect(await page.locator("form.signoff").count()).toBe(0);
    const refused = await fetchFromPage(page, "/api/v1/checklists/orders/runs", { csrf: true });
    expect(refused.status, refused.text).toBe(403);
    expect(JSON.parse(refused.text).error.message).toContain("run needs the runner role");
  });

  it("refuses a session POST without the CSRF token (403), takes it with one, and a Bearer token needs none", async () => {
    const page = await signedIn(tokens.runner);
    await page.goto(`${server.url}/checklists/orders`);
    const without = await fetchFromPage(page, "/api/v1/checklists/orders/runs", { csrf: false });
    expect(without.status, without.text).toBe(403);
    expect(JSON.parse(without.text).error.message).toContain("CSRF token");
    const signOutWithout = await fetchFromPage(page, "/sign-out", { csrf: false });
    expect(signOutWithout.status).toBe(403);
    const runsBefore = await server.fetchAs(tokens.runner, "/api/v1/checklists/orders/runs");
    const countBefore = ((await runsBefore.json()) as { items: unknown[] }).items.length;
    const withToken = await fetchFromPage(page, "/api/v1/checklists/orders/runs", { csrf: true });
    expect(withToken.status, withToken.text).toBe(201);
    const runsAfter = await server.fetchAs(tokens.runner, "/api/v1/checklists/orders/runs");
    expect(((await runsAfter.json()) as { items: unknown[] }).items.length).toBe(countBefore + 1);

    // A Bearer token speaks for itself: no CSRF token needed, whatever cookie comes along.
    const cookie = (await page.context().cookies()).find((c) => c.name === "gonogo_session");
    const bearer = await server.fetchAs(tokens.runner, "/api/v1/checklists/orders/runs", {
      method: "POST",
      headers: { cookie: `gonogo_session=${cookie?.value}` },
    });
    expect(bearer.status).toBe(201);

    // Signing out ends the session in the store: the old cookie opens nothing any more.
    await Promise.all([page.waitForURL(/\/sign-in$/), page.click('header.top button[type="submit"]')]);
    const replay = await server.fetch("/api/v1/checklists", {
      headers: { cookie: `gonogo_session=${cookie?.value}` },
    });
    expect(replay.status).toBe(401);
  });

  it("honours the proxy's user header from a trusted address only", async () => {
    const context = await browser.newContext({
      extraHTTPHeaders: { "X-Forwarded-Email": "ana@example.com" },
    });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    // Chromium connects from 127.0.0.1, which is not a trusted proxy: the header counts for nothing.
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    const untrusted = await fromAddress(`${server.url}/api/v1/checklists`, "127.0.0.1", {
      headers: { "x-forwarded-email": "ana@example.com" },
    });
    expect(untrusted.status).toBe(401);

    const list = await fromAddress(`${server.url}/`, PROXY, {
      headers: { "x-forwarded-email": "ana@example.com" },
    });
    expect(list.status).toBe(200);
    expect(list.body).toContain("ana@example.com · approver · Security Lead");
    const api = await fromAddress(`${server.url}/api/v1/checklists`, PROXY, {
      headers: { "x-forwarded-email": "ana@example.com" },
    });
    expect(api.status).toBe(200);
    // The proxy's user is ambient like a cookie: a change without the CSRF token is refused.
    const post = await fromAddress(`${server.url}/api/v1/checklists/orders/runs`, PROXY, {
      method: "POST",
      headers: { "x-forwarded-email": "ana@example.com", "content-type": "application/json" },
      body: "{}",
    });
    expect(post.status).toBe(403);
    const stranger = await fromAddress(`${server.url}/api/v1/checklists`, PROXY, {
      headers: { "x-forwarded-email": "mallory@example.com" },
    });
    expect(stranger.status).toBe(403);
    expect(stranger.body).toContain("auth.users");
  });

  /** The timeline chart as the browser laid it out: gate markers by verdict, the weight line's size. */
  async function timelineOf(page: Page) {
    const chart = page.locator("svg.timeline");
    const box = await chart.boundingBox();
    const count = (verdict: string) =>
      page.locator(`svg.timeline g.gate-point[data-verdict="${verdict}"]`).count();
    return {
      width: box?.width ?? 0,
      gates: {
        pass: await count("pass"),
        fail: await count("fail"),
        pending: await count("pending"),
        inconclusive: await count("inconclusive"),
      },
      // The weight line's steps by its geometry in the DOM the browser holds.
      steps: readTimelineSvg(await page.content()).read,
    };
  }

  it("shows a viewer a rollout's timeline from the navigation and the service's page, and no command form", async () => {
    const page = await signedIn(tokens.viewer);
    await Promise.all([page.waitForURL(/\/rollouts$/), page.click('nav.main a[href="/rollouts"]')]);
    expect(await page.locator('#rollouts tr[data-rollout="orders"] td').first().textContent()).toBe(
      "holding",
    );
    await Promise.all([page.waitForURL(/\/rollouts\/orders$/), page.click('a[href="/rollouts/orders"]')]);
    const timeline = await timelineOf(page);
    expect(timeline.gates).toEqual(sampleTimeline("holding").gates);
    expect(timeline.steps).toEqual(sampleTimeline("holding").weights);
    expect(timeline.width).toBeGreaterThan(600);
    expect(await page.locator("#commands").count()).toBe(0);
    expect(await page.locator("form.rollout-command").count()).toBe(0);
    await page.goto(`${server.url}/checklists/orders`);
    expect(await page.getAttribute("#rollout-links a", "href")).toBe("/rollouts/orders");
  });

  it("lets an approver promote a rollout from its page: the command lands on the timeline", async () => {
    const page = await signedIn(tokens.approver);
    await page.goto(`${server.url}/rollouts/orders`);
    expect((await timelineOf(page)).gates).toEqual(sampleTimeline("holding").gates);
    const commands = await page
      .locator("form.rollout-command")
      .evaluateAll((forms) => forms.map((form) => form.getAttribute("data-command")));
    expect(commands).toEqual(["promote", "pause", "abort"]);
    expect(await page.locator("svg.timeline g.command-mark").count()).toBe(0);
    await Promise.all([
      page.waitForSelector('#events tr[data-kind="command"]'),
      page.click('form[data-command="promote"] button'),
    ]);
    expect(await page.textContent('#events tr[data-kind="command"]')).toContain("command promote by ");
    expect(await page.locator('svg.timeline g.command-mark[data-command="promote"]').count()).toBe(1);
    const stored = (await (await server.fetchAs(tokens.viewer, "/api/v1/rollouts/orders")).json()) as {
      timeline: { kind: string; detail: { type?: string; by?: string } }[];
    };
    expect(stored.timeline.filter((e) => e.kind === "command").map((e) => e.detail.type)).toEqual([
      "promote",
    ]);
  });

  it("shows a recorded sign-off valid, and void with its reason once the next run regresses", async () => {
    const signed = await runCli([
      "signoff",
      join(project.dir, "orders", "LAUNCH.md"),
      "Security",
      "--by",
      "Rosa Lind",
      "--role",
      "Security Lead",
      "--store",
      store,
    ]);
    expect(signed.code, signed.stderr).toBe(0);
    const page = await signedIn(tokens.viewer);
    await page.goto(`${server.url}/checklists/orders`);
    const slot = page.locator('tr.slot[data-role="Security Lead"]');
    expect(await slot.getAttribute("class")).toContain("valid");
    expect(await slot.textContent()).toContain("Rosa Lind");

    target.set("/headers", 500);
    await verifyNow();
    await page.reload();
    expect(await slot.getAttribute("class")).toContain("void");
    expect(await slot.textContent()).toMatch(
      /VOID.*regressed.*Security headers endpoint answers 200.*pass → fail/s,
    );
    target.set("/headers", 200);
    await verifyNow();
  });

  it("lets an approver in the Security Lead role sign off Security; the next run's regression voids it", async (test) => {
    const openapi = (await (await server.fetch("/openapi.json")).json()) as {
      paths: Record<string, unknown>;
    };
    // The sign-off API route is built beside this branch (issue 13); without it there is nothing to submit to.
    if (!Object.keys(openapi.paths).some((path) => path.endsWith("/sections/{section}/signoffs")))
      test.skip();
    const viewer = await signedIn(tokens.viewer);
    await viewer.goto(`${server.url}/checklists/orders`);
    const section = (await viewer.getAttribute('tr.slot[data-role="Security Lead"]', "data-section")) ?? "";
    expect(section).toBe("orders-launch/security");
    const signoffs = `/api/v1/checklists/orders/sections/${encodeURIComponent(section)}/signoffs`;
    const refused = await fetchFromPage(viewer, signoffs, { csrf: true, body: { role: "Security Lead" } });
    expect(refused.status, refused.text).toBe(403);

    const page = await signedIn(tokens.approver);
    await page.goto(`${server.url}/checklists/orders`);
    const slot = 'tr.slot[data-role="Security Lead"]';
    expect(await page.getAttribute(slot, "class")).not.toContain("valid");
    await Promise.all([page.waitForSelector(`${slot}.valid`), page.click("form.signoff button")]);
    expect(await page.textContent(`${slot}.valid`)).toContain("sam");

    target.set("/headers", 500);
    await verifyNow();
    await page.reload();
    const voided = page.locator(`${slot}.void`);
    expect(await voided.count()).toBe(1);
    expect(await voided.textContent()).toMatch(/VOID.*regressed/s);
  });
});
