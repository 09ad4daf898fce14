import { describe, expect, it } from "vitest";
import { sampleTimeline, sampleView } from "../../test/support/rollout-timeline.js";
import { readTimelineSvg } from "../../test/support/timeline-svg.js";
import { renderRolloutHtml } from "./rollout-html.js";

const generatedAt = new Date("2026-12-02T10:05:00.000Z");

describe("the rollout's HTML report", () => {
  const timeline = sampleTimeline();
  const page = renderRolloutHtml(sampleView("checkout", timeline), { generatedAt });

  it("is one self-contained page: no script, nothing fetched, a CSP that allows neither", () => {
    expect(page).not.toMatch(/<script\b/i);
    expect(page).not.toMatch(/\s(src|href)="(https?:)?\/\//);
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`);
    expect(page).toContain("<title>rolled-back: rollout checkout</title>");
  });

  it("says where it stands: status, phase, weights wanted and read back, no lease holder, the rollback's time", () => {
    expect(page).toContain('<span class="verdict">ROLLED-BACK</span>');
    expect(page).toMatch(/<th>Phase<\/th><td>half /);
    expect(page).toContain("<th>Weight</th><td>wanted 0% · read back 0%</td>");
    expect(page).toMatch(/<th>Lease holder<\/th><td>nobody/);
    expect(page).toContain(
      '<li class="rollback" data-ms="420">2026-12-02 10:00:03: breach to safe weight read back in <strong>420ms</strong>',
    );
  });

  it("charts the timeline: a marker per gate event, the weight stepping through the phases", () => {
    const reading = readTimelineSvg(page);
    expect(reading.points).toHaveLength(timeline.events.filter((e) => e.kind === "gate").length);
    expect(reading.read).toEqual([10, 50, 0]);
    expect(page).toContain(
      "21 events · 4 phase changes · 7 gate results · 3 actions · 0 commands · 1 rollbacks",
    );
  });

  it("lists every event with its kind and key, an action with what it answered", () => {
    const rows = [...page.matchAll(/<tr data-kind="([\w-]+)">/g)].map((m) => m[1]);
    expect(rows).toEqual(timeline.events.map((e) => e.kind));
    expect(page).toContain("<td><code>abc123:2</code></td><td>action done: answered 200, read back 50");
    // The response body, escaped, folded under the entry.
    expect(page).toContain("&quot;status&quot;: 200");
    expect(page).toContain("{\\&quot;name\\&quot;:\\&quot;checkout\\&quot;,\\&quot;percentage\\&quot;:50}");
  });

  it("says when a rollout has no event yet instead of an empty chart", () => {
    const empty = renderRolloutHtml({ ...sampleView("checkout", timeline), timeline: [] }, { generatedAt });
    expect(empty).toContain("no events yet");
    expect(empty).not.toContain("<svg");
  });
});
