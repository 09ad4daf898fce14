import { describe, expect, it } from "vitest";
import { niceCeiling, renderLineChart } from "./line-chart.js";

describe("renderLineChart", () => {
  it("rounds an axis up to 1, 2, 2.5 or 5 times a power of ten", () => {
    expect([0, 0.7, 3, 7, 12, 240, 412, 999].map(niceCeiling)).toEqual([1, 1, 5, 10, 20, 250, 500, 1000]);
  });

  it("draws each series as a polyline with markers, spread by x, escaping every label", () => {
    const svg = renderLineChart({
      title: 'p95 <b>"x"</b>',
      yMax: 100,
      series: [
        {
          name: "</svg><script>",
          colour: "#123456",
          points: [
            { x: 0, y: 0 },
            { x: 10, y: 100, colour: "#cf222e", label: "a&b" },
          ],
        },
      ],
      xLabels: ["0s", "10s"],
    });
    expect(svg).toMatch(/^<svg class="chart" viewBox="0 0 640 220"/);
    expect(svg).toContain('<polyline points="52,186 624,28"');
    expect(svg).toContain('fill="#cf222e"><title>a&amp;b</title>');
    expect(svg).toContain("<title>p95 &lt;b&gt;&quot;x&quot;&lt;/b&gt;</title>");
    expect(svg).toContain("&lt;/svg&gt;&lt;script&gt;");
    expect(svg.match(/<\/svg>/g)).toHaveLength(1);
  });

  it("draws nothing without points and centres a single point", () => {
    expect(renderLineChart({ title: "t", series: [{ name: "s", colour: "#000", points: [] }] })).toBe("");
    const one = renderLineChart({
      title: "t",
      series: [{ name: "s", colour: "#000", points: [{ x: 5, y: 2 }] }],
    });
    expect(one).toContain('<circle cx="338" cy="28"');
  });
});
