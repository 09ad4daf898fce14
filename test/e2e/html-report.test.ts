import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { renderHtml } from "../../src/report/html.js";
import { toJsonReport } from "../../src/report/json.js";
import { assessChecklist } from "../../src/verdict/assessment.js";
import {
  checkResult,
  SAMPLE_MARKDOWN,
  SAMPLE_VERDICT,
  sampleAssessment,
} from "../support/sample-assessment.js";

const CHROMIUM = "/usr/bin/chromium";

// The page's globals as the evaluated function sees them (this project compiles without the DOM lib).
interface BrowserGlobals {
  getComputedStyle(element: unknown): { backgroundColor: string };
}
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const HOSTILE = `<script>window.pwned = 1</script>"'</style><img src=http://127.0.0.1:9/x onerror="window.pwned = 2">`;

/** The sample checklist with hostile text in an item and its evidence, a load time series, history and sign-offs. */
let hostileText = "";

function richPage(): string {
  const markdown = `${SAMPLE_MARKDOWN}\n## Hostile\n\n- [x] ${HOSTILE}\n\n**Sign-off:** ____\n`;
  const base = sampleAssessment(markdown);
  const hostileItem = base.checklist.items.at(-1);
  const latencyItem = base.checklist.items.find((i) => i.text === "p95 latency < 300ms");
  if (!hostileItem || !latencyItem) throw new Error("fixture items");
  hostileText = hostileItem.text;
  // Shaped as the load probe's evidence.series (src/probes/load/second-series.ts).
  const series = Array.from({ length: 30 }, (_, i) => ({
    t: i + 1,
    requests: 480 + Math.round(30 * Math.sin(i / 3)),
    errors: i === 21 ? 4 : 0,
    p50: 90,
    p95: 180 + Math.round(120 * Math.abs(Math.sin(i / 5))) + (i === 21 ? 260 : 0),
    p99: 500,
    max: 600,
  }));
  const checks = new Map(base.checks);
  const [load] = checks.get(latencyItem.id) ?? [];
  checks.set(latencyItem.id, [
    { ...(load ?? checkResult({ id: "load", status: "fail" })), evidence: { series } },
  ]);
  checks.set(hostileItem.id, [
    checkResult({ id: "hostile", status: "error", error: `${HOSTILE}\nline two </pre>` }),
  ]);
  const own = new Map(base.statuses);
  own.set(hostileItem.id, "error");
  const assessment = {
    ...assessChecklist(base.checklist, own, checks),
    verdict: SAMPLE_VERDICT,
  };
  const history = [20, 35, 35, 50, 62, 58, 75, 88, 37.5].map((verified, i) => ({
    startedAt: new Date(Date.UTC(2026, 10, 14 + i, 9)).toISOString(),
    verdict: verified >= 85 ? ("GO" as const) : ("NO-GO" as const),
    verifiedPct: verified,
    claimedPct: Math.min(100, verified + 25),
  }));
  const signoffs = [
    {
      id: 1,
      section: "Security",
      sectionId: "launch-readiness/security",
      by: "Ana Ruiz",
      role: "Security lead",
      at: "2026-11-21T10:00:00Z",
      run: 41,
      valid: true,
      reason: "",
    },
  ];
  return renderHtml(toJsonReport({ ...assessment, signoffs }), {
    history,
    generatedAt: new Date("2026-11-23T17:00:00Z"),
  });
}

describe.skipIf(!existsSync(CHROMIUM))(
  `the HTML report in headless Chromium${existsSync(CHROMIUM) ? "" : ` (skipped: ${CHROMIUM} is not installed)`}`,
  () => {
    it("renders with no console errors and no network requests, and a screenshot shows the verdict", async () => {
      const dir = mkdtempSync(join(tmpdir(), "gonogo-html-"));
      const file = join(dir, "report.html");
      writeFileSync(file, richPage());
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
      try {
        const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
        const problems: string[] = [];
        const requests: string[] = [];
        page.on("console", (message) => {
          if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
        });
        page.on("pageerror", (error) => problems.push(error.message));
        page.on("request", (request) => requests.push(request.url()));
        const url = pathToFileURL(file).href;
        await page.goto(url, { waitUntil: "load" });

        expect(problems).toEqual([]);
        expect(requests).toEqual([url]);
        expect((await page.locator("#verdict .verdict").textContent())?.trim()).toBe("NO-GO");
        expect(await page.locator("#verdict").textContent()).toContain("2 of 4 gates failed");
        // The hostile text is on the page as text, and nothing in it ran or became an element.
        expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
        expect(await page.locator("script, img").count()).toBe(0);
        const texts = await page.locator(".item .text").allTextContents();
        expect(texts.at(-1)).toBe(hostileText);
        expect(await page.locator("pre", { hasText: "line two </pre>" }).textContent()).toContain(HOSTILE);
        expect(await page.locator("svg.chart").count()).toBe(3);
        expect(
          await page
            .locator("#verdict")
            .evaluate((e) => (globalThis as unknown as BrowserGlobals).getComputedStyle(e).backgroundColor),
        ).toBe("rgb(207, 34, 46)");

        const png = join(dir, "report.png");
        await page.screenshot({ path: png, fullPage: true });
        const bytes = readFileSync(png);
        expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
        expect(bytes.length).toBeGreaterThan(50_000);
        process.stderr.write(`html report screenshot: ${png}\n`);
      } finally {
        await browser.close();
      }
    });
  },
);
