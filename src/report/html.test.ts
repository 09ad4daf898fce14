import { describe, expect, it } from "vitest";
import { parseText } from "../../test/support/checklist-bytes.js";
import { checkResult, SAMPLE_VERDICT, sampleAssessment } from "../../test/support/sample-assessment.js";
import { assessChecklist } from "../verdict/assessment.js";
import { renderHtml } from "./html.js";
import { toJsonReport } from "./json.js";

const HOSTILE = `<script>alert("x")</script> & 'quoted' </style><img src=x onerror=alert(1)>`;
const AT = new Date("2026-11-23T17:00:00Z");

function hostileAssessment() {
  const checklist = parseText(
    `# Launch ${HOSTILE}\n\n## Sec ${HOSTILE}\n\n- [x] ${HOSTILE}\n\n**Sign-off:** ${HOSTILE}\n`,
  );
  const [item] = checklist.items;
  if (!item) throw new Error("fixture has an item");
  const check = checkResult({
    id: `c-${HOSTILE}`,
    status: "fail",
    error: `</pre></details>${HOSTILE}\n<!-- -->`,
    expectations: [{ expr: `body contains "${HOSTILE}"`, ok: false, actual: HOSTILE }],
  });
  const assessment = assessChecklist(checklist, new Map([[item.id, "fail"]]), new Map([[item.id, [check]]]));
  return {
    ...assessment,
    verdict: {
      verdict: "NO-GO" as const,
      gates: [{ ...SAMPLE_VERDICT.gates[0], name: HOSTILE, reason: HOSTILE } as never],
    },
  };
}

describe("renderHtml", () => {
  it("is one page with the verdict banner, the gates, section scores and every item with its evidence", () => {
    const html = renderHtml(toJsonReport(sampleAssessment()), { generatedAt: AT });
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<header class="banner nogo" id="verdict"><span class="verdict">NO-GO</span>');
    expect(html).toContain("2 of 4 gates failed · verified 37.5% · claimed 50.0%");
    expect(html).toContain(
      '<td>section &quot;Security&quot;</td><td class="num">50.0% (1/2 verified or claimed)</td>',
    );
    expect(html).toContain("<title>NO-GO: Launch Readiness</title>");
    // A failing item's evidence is open; a passing one's folded under its one-line summary.
    expect(html).toContain(
      "<details open><summary>evidence</summary><pre>check rate-limit (http, 12ms): fail\n  status 200 == 429 ✗",
    );
    expect(html).toContain("<details><summary>check tls (tls, 41ms): 1 expectation held</summary>");
    expect(html).toContain("not verified: ticked with no check behind it");
    expect(html).toContain("waived: not applicable, left out of every percentage");
    expect(html).toMatch(/<tr><td class="depth-0"><strong>Overall<\/strong><\/td>/);
  });

  it("escapes every piece of text: nothing in the document or the evidence becomes markup", () => {
    const html = renderHtml(toJsonReport(hostileAssessment()), { generatedAt: AT });
    expect(html).not.toMatch(/<script|<img|<!-- -->|onerror=alert\(1\)>/i);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(html.match(/<\/pre>/g)).toHaveLength(1);
    expect(html).toContain(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; &lt;/style&gt;&lt;img src=x onerror=alert(1)&gt;",
    );
  });

  it("fetches nothing: no script, no external reference, a CSP that forbids both", () => {
    const html = renderHtml(toJsonReport(sampleAssessment()), { generatedAt: AT, history: [] });
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;`);
    expect(html).not.toMatch(/<script|<link|<iframe|\ssrc=|\shref=|url\(|@import/i);
    // The only URL in markup is SVG's namespace name, which is never fetched (a URL in evidence is text).
    const history = [
      { startedAt: "2026-11-22T10:00:00Z", verdict: "GO" as const, verifiedPct: 9, claimedPct: 9 },
    ];
    const charted = renderHtml(toJsonReport(sampleAssessment()), { generatedAt: AT, history });
    expect(charted).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(charted).not.toMatch(/\s(?!xmlns=)[\w:-]+="\s*(?:https?:|\/\/|file:|data:)/i);
  });

  it("charts readiness over past runs only when there are some", () => {
    expect(renderHtml(toJsonReport(sampleAssessment()), { generatedAt: AT })).not.toContain(
      "Readiness over time",
    );
    const history = [
      { startedAt: "2026-11-20T10:00:00Z", verdict: "NO-GO" as const, verifiedPct: 20, claimedPct: 60 },
      { startedAt: "2026-11-21T10:00:00Z", verdict: "NO-GO" as const, verifiedPct: 55, claimedPct: 80 },
      { startedAt: "2026-11-22T10:00:00Z", verdict: "GO" as const, verifiedPct: 95, claimedPct: 100 },
    ];
    const html = renderHtml(toJsonReport(sampleAssessment()), { generatedAt: AT, history });
    expect(html).toContain("3 runs · 1 GO · 2 NO-GO");
    expect(html).toContain("<title>Readiness over the last 3 runs</title>");
    expect(html).toContain("<title>2026-11-22 10:00: GO, verified 95.0%</title>");
  });

  it("charts a load check's per-second latency when its evidence carries a time series", () => {
    // The load probe's per-second points; an idle second (p95 null) and a malformed entry are left out.
    const series = [
      { t: 1, requests: 480, errors: 0, p50: 90, p95: 210, p99: 300, max: 320 },
      { t: 2, requests: 510, errors: 3, p50: 95, p95: 412, p99: 500, max: 610 },
      { t: 3, requests: 500, errors: 0, p50: 92, p95: 250, p99: 310, max: 330 },
      { t: 4, requests: 0, errors: 0, p50: null, p95: null, p99: null, max: null },
      { t: "5", requests: 1 },
    ];
    const checklist = parseText("# Perf\n\n- [x] p95 < 300ms\n");
    const [item] = checklist.items;
    if (!item) throw new Error("fixture has an item");
    const load = checkResult({ id: "offer-load", probe: "load", status: "fail", evidence: { series } });
    const assessment = assessChecklist(checklist, new Map([[item.id, "fail"]]), new Map([[item.id, [load]]]));
    const html = renderHtml(toJsonReport(assessment), { generatedAt: AT });
    expect(html).toContain("offer-load: 3 seconds · errors in 1 of 3 seconds (red markers)");
    expect(html).toContain("<title>offer-load: p95 latency per second</title>");
    expect(html).toContain("<title>2s: p95 412ms, 510 req/s, 3 errors</title>");
    expect(html).toContain("<title>offer-load: requests per second</title>");
  });

  it("lists the sign-offs the store recorded, the document's sign-off slots, and who attested an item", () => {
    const checklist = parseText("# Go\n\n## Security\n\n- [x] a\n- [ ] b\n\n**Sign-off:** ____\n");
    const [a, b] = checklist.items;
    if (!a || !b) throw new Error("fixture has two items");
    const attested = {
      itemText: "",
      at: "2026-11-20",
      expiresAt: null,
      evidence: "https://x/<1>",
      note: null,
    };
    const html = renderHtml(
      toJsonReport({
        ...assessChecklist(checklist, new Map([[a.id, "attested"]])),
        signoffs: [
          {
            id: 1,
            section: "Security",
            sectionId: "go/security",
            by: "Ana",
            role: "Security lead",
            at: "2026-11-22",
            run: 7,
            valid: false,
            reason: "void: a regressed in run #9",
          },
        ],
        attestations: [
          { ...attested, itemId: a.id, by: "Bo <b>", valid: true, reason: "attested, no expiry" },
          { ...attested, itemId: b.id, by: "Cy", valid: false, reason: "expired 2026-11-21" },
        ],
      }),
      { generatedAt: AT },
    );
    expect(html).toContain('<header class="banner none" id="verdict"><span class="verdict">STATUS</span>');
    expect(html).toContain(
      '<tr><td>Security</td><td>Security lead</td><td>Ana</td><td><span class="mark-bad">void</span></td><td>2026-11-22 · run #7 · void: a regressed in run #9</td></tr>',
    );
    expect(html).toMatch(
      /<td>Security<\/td><td>Sign-off<\/td><td><\/td><td><span class="muted">blank<\/span><\/td><td>in the document, line 8<\/td>/,
    );
    expect(html).toContain(
      '<div class="reason">attested by Bo &lt;b&gt; at 2026-11-20 · attested, no expiry · evidence: https://x/&lt;1&gt;</div>',
    );
    expect(html).toContain('<div class="reason void">attested by Cy at 2026-11-20 · expired 2026-11-21');
  });

  it("shows a name filled in the document as signed only while a valid recorded sign-off backs it", () => {
    const checklist = parseText(
      "# Go\n\n## Security\n\n- [x] a\n\n**Sign-off:** Ana Diaz (Security Lead) Date: 2026-11-22\n",
    );
    const signoff = {
      id: 1,
      section: "Security",
      sectionId: "go/security",
      by: "Ana",
      role: "Security Lead",
      at: "2026-11-22",
      run: 7,
      valid: true,
      reason: "approves run #7",
    };
    const render = (valid: boolean) =>
      renderHtml(toJsonReport({ ...assessChecklist(checklist), signoffs: [{ ...signoff, valid }] }), {
        generatedAt: AT,
      });
    expect(render(true)).toContain('<span class="mark-ok">filled, signed</span>');
    expect(render(false)).toContain('<span class="mark-bad">filled, no valid sign-off</span>');
    expect(render(false)).not.toContain("filled, signed");
  });
});
