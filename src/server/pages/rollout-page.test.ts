import { describe, expect, it } from "vitest";
import { sampleTimeline, sampleView } from "../../../test/support/rollout-timeline.js";
import { readTimelineSvg } from "../../../test/support/timeline-svg.js";
import type { Principal } from "../auth/index.js";
import { rolloutPage } from "./rollout-page.js";
import { rolloutsPage } from "./rollouts-page.js";

const principal = (role: Principal["role"]): Principal => ({
  tokenId: 1,
  name: "sam",
  prefix: "ggo_00000001",
  role,
  signoffRoles: [],
  via: "session",
});

const now = new Date("2026-12-02T10:00:10.000Z");
const driven = { owner: "host:42:abc", until: "2026-12-02T10:00:30.000Z" };
const holding = sampleView("checkout", sampleTimeline("holding"), driven);
const rolledBack = sampleView("checkout", sampleTimeline("rolled-back"));

const render = (role: Principal["role"], view = holding) =>
  rolloutPage(view, { principal: principal(role), csrf: "tok", now, services: ["checkout"] });

const forms = (page: string) =>
  [...page.matchAll(/<form class="act rollout-command" data-api="([^"]+)" data-command="(\w+)"/g)].map(
    (m) => [m[1], m[2]],
  );

describe("the rollout page", () => {
  it("gives an approver the commands that would change something now, each posting to the API route", () => {
    const page = render("approver");
    expect(forms(page)).toEqual([
      ["/api/v1/rollouts/checkout/promote", "promote"],
      ["/api/v1/rollouts/checkout/pause", "pause"],
      ["/api/v1/rollouts/checkout/abort", "abort"],
    ]);
    expect(page).toContain('data-confirm="Roll checkout back to the safe weight now?"');
    expect(page).toContain('<meta name="csrf-token" content="tok">');
    expect(page).toContain("host:42:abc drives it and applies a command on its next step.");
  });

  it("shows a viewer or a runner no form at all: a missing button, not a refusal after a click", () => {
    for (const role of ["viewer", "runner"] as const) {
      const page = render(role);
      expect(page).not.toContain('id="commands"');
      expect(page).not.toContain('<form class="act');
      expect(page).not.toContain("data-api=");
      // Everything else is there to read.
      expect(readTimelineSvg(page).points).toHaveLength(6);
    }
  });

  it("offers nothing to steer once the rollout has finished", () => {
    const page = render("admin", rolledBack);
    expect(forms(page)).toEqual([]);
    expect(page).toContain("Nothing to steer: the rollout is rolled-back.");
  });

  it("shows where it stands, the timeline, the events, and links to the service, the list and the report", () => {
    const page = render("viewer");
    expect(page).toMatch(/<th>Lease holder<\/th><td>host:42:abc, until 2026-12-02 10:00:30/);
    expect(page).toContain('<a href="/checklists/checkout">checkout</a>');
    expect(page).toContain('<a href="/api/v1/rollouts/checkout?format=html">HTML report</a>');
    expect(page).toContain('<a href="/rollouts">Rollouts</a>'); // the layout's navigation
    expect(readTimelineSvg(page).wanted).toEqual([10, 50]);
    expect([...page.matchAll(/<tr data-kind=/g)]).toHaveLength(holding.timeline.length);
  });

  it("escapes a rollout's name and what its timeline says", () => {
    const hostile = sampleView('<img src=x onerror=alert(1)>"', sampleTimeline("holding"));
    const page = render("approver", hostile);
    expect(page).not.toContain("<img src=x");
    expect(page).toContain('data-api="/api/v1/rollouts/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%22/promote"');
  });
});

describe("the rollouts list", () => {
  it("lists each rollout with its status, phase, weights, lease holder and service", () => {
    const row = (view: typeof holding, name: string, service: string | null) => {
      const { timeline: _t, rollbacks: _r, ...rest } = view;
      return { ...rest, name, service };
    };
    const page = rolloutsPage({
      rows: [row(rolledBack, "checkout", "checkout"), row(holding, "search", null)],
      now,
      principal: principal("viewer"),
      csrf: "tok",
    });
    const cells = (name: string) =>
      [
        ...(new RegExp(`<tr data-rollout="${name}">([\\s\\S]*?)</tr>`).exec(page)?.[1] ?? "").matchAll(
          /<td[^>]*>([\s\S]*?)<\/td>/g,
        ),
      ].map((m) => m[1]?.replace(/<[^>]+>/g, "").trim());
    expect(cells("checkout")).toEqual([
      "rolled-back",
      "checkoutphase half failed: error-rate failed (critical)",
      "half",
      "0% / 0%",
      "nobody",
      "checkout",
      "6s ago",
    ]);
    expect(cells("search")?.slice(2, 6)).toEqual(["half", "50% / 50%", "host:42:abc", "–"]);
    expect(page).toContain("2 rollouts · 1 driven now");
    expect(page).toContain('<a href="/rollouts/search">search</a>');
  });
});
