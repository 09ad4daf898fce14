import { describe, expect, it } from "vitest";
import { SAMPLE_MARKDOWN, sampleAssessment } from "../../../test/support/sample-assessment.js";
import { toJsonReport } from "../../report/json.js";
import type { Principal } from "../auth/index.js";
import { type ChecklistView, checklistPage } from "./checklist-page.js";
import { arrangeRows, type ServiceRow } from "./list-page.js";

// Inline code keeps its angle brackets in the item's text (raw HTML is dropped by the parser).
const HOSTILE = '`<script>alert(1)</script>` "quoted" & `<img src=x onerror=alert(2)>`';
const MARKDOWN = SAMPLE_MARKDOWN.replace("## Performance", `- [ ] ${HOSTILE}\n\n## Performance`);

const principal = (role: Principal["role"], signoffRoles: string[] = []): Principal => ({
  tokenId: 1,
  name: "someone",
  prefix: "ggo_00000001",
  role,
  signoffRoles,
  via: "session",
});

function view(): ChecklistView {
  const report = toJsonReport(sampleAssessment(MARKDOWN));
  return {
    name: "orders",
    owner: "payments",
    run: { id: 7, startedAt: "2026-05-01T11:00:00.000Z", runBy: "token:ci", previousId: 6 },
    report,
    history: [],
    rollouts: [],
    sourceFailure: null,
    slots: [
      {
        sectionId: "launch-readiness/security",
        sectionTitle: "Security",
        role: "Security Lead",
        state: "missing",
        by: null,
        at: null,
        reason: null,
      },
    ],
  };
}

const render = (who: Principal) =>
  checklistPage(view(), { principal: who, csrf: "tok", now: new Date("2026-05-01T12:00:00.000Z") });

describe("the checklist page", () => {
  it("says, after the verdict, why the service's repository could not be read, masked as git-source gives it", () => {
    const message =
      'service "orders": https://***@git.example.test/acme/orders.git at ref "main": cannot fetch: fatal: unable to access \'https://git.example.test/acme/orders.git/\': Could not resolve host: git.example.test';
    const page = checklistPage(
      { ...view(), sourceFailure: { message, at: "2026-05-01T11:58:00.000Z" } },
      { principal: principal("viewer"), csrf: "tok", now: new Date("2026-05-01T12:00:00.000Z") },
    );
    expect(page).toContain("Its repository could not be read");
    expect(page).toContain("Could not resolve host: git.example.test");
    expect(page.indexOf('id="source-problem"')).toBeGreaterThan(page.indexOf('id="verdict"'));
    expect(page.indexOf('id="source-problem"')).toBeLessThan(page.indexOf('id="blockers"'));
    expect(render(principal("viewer"))).not.toContain('id="source-problem"');
  });

  it("escapes what the checklist says: no markup from item text reaches the page", () => {
    const page = render(principal("viewer"));
    expect(page).not.toContain("<script>alert");
    expect(page).not.toContain("<img src=x");
    expect(page).toContain(
      "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; &lt;img src=x onerror=alert(2)&gt;",
    );
    expect(page.match(/<script\b/g)).toEqual(["<script"]); // the dashboard's own, by src
  });

  it("puts the verdict first, then what blocks it, then the sections", () => {
    const page = render(principal("viewer"));
    const verdict = page.indexOf('id="verdict"');
    const blockers = page.indexOf('id="blockers"');
    const sections = page.indexOf('class="card section"');
    expect(verdict).toBeGreaterThan(0);
    expect(blockers).toBeGreaterThan(verdict);
    expect(sections).toBeGreaterThan(blockers);
    expect(page).toContain("check rate-limit (http");
  });

  it("shows forms only to whom can() allows: none to a viewer or runner, sign-off only in the role held", () => {
    for (const role of ["viewer", "runner"] as const) {
      const page = render(principal(role));
      expect(page).not.toContain('<form class="act');
      expect(page).not.toContain("data-api=");
    }
    const approver = render(principal("approver"));
    expect(approver).toContain("/attestations");
    expect(approver).toContain("/waivers");
    expect(approver).not.toContain("/signoffs");
    const lead = render(principal("approver", ["Security Lead"]));
    expect(lead).toContain(
      'data-api="/api/v1/checklists/orders/sections/launch-readiness%2Fsecurity/signoffs"',
    );
    // An admin outranks an approver but is no Security Lead by rank.
    expect(render(principal("admin"))).not.toContain("/signoffs");
  });
});

describe("the services list", () => {
  const row = (name: string, verdict: ServiceRow["verdict"], verifiedPct: number | null): ServiceRow => ({
    name,
    owner: name === "orders" ? "payments" : null,
    verdict,
    verifiedPct,
    claimedPct: verifiedPct,
    failing: 0,
    lastRunAt: null,
    runId: null,
    history: [],
  });
  const rows = [
    row("b-go", "GO", 100),
    row("orders", "NO-GO", 40),
    row("c-none", null, null),
    row("a-nogo", "NO-GO", 60),
  ];

  it("sorts NO-GO first, then never run, then GO; by name within", () => {
    expect(arrangeRows(rows, {}).map((r) => r.name)).toEqual(["a-nogo", "orders", "c-none", "b-go"]);
  });

  it("sorts by a column either way and filters by name, owner and verdict", () => {
    expect(arrangeRows(rows, { sort: "verified", dir: "desc" }).map((r) => r.name)).toEqual([
      "b-go",
      "a-nogo",
      "orders",
      "c-none",
    ]);
    expect(arrangeRows(rows, { q: "PAY" }).map((r) => r.name)).toEqual(["orders"]);
    expect(arrangeRows(rows, { verdict: "none" }).map((r) => r.name)).toEqual(["c-none"]);
    expect(arrangeRows(rows, { sort: "nonsense" }).map((r) => r.name)).toEqual([
      "a-nogo",
      "orders",
      "c-none",
      "b-go",
    ]);
  });
});
