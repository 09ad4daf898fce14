import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeContext } from "../../../test/support/probe-context.js";
import type { ProbeResult } from "../types.js";
import coverageProbe from "./index.js";
import { run as runCoverage } from "./runner.js";

const fixtures = path.join(import.meta.dirname, "fixtures");
let scratch: string;
beforeAll(async () => {
  scratch = await realpath(await mkdtemp(path.join(tmpdir(), "gonogo-coverage-")));
  await mkdir(path.join(scratch, "repo/coverage"), { recursive: true });
  await writeFile(path.join(scratch, "secret.txt"), "SF:/etc/passwd\n");
  await symlink(path.join(scratch, "secret.txt"), path.join(scratch, "repo/coverage/escape.info"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function probe(config: unknown, baseDir = fixtures): Promise<ProbeResult> {
  return runCoverage(
    coverageProbe.configSchema.parse(config),
    probeContext({ baseDir, targets: { repo: { path: "repo" }, api: { url: "http://x" } } }),
  );
}

async function probeText(name: string, content: string, format?: string): Promise<ProbeResult> {
  await writeFile(path.join(scratch, "repo/coverage", name), content);
  return probe({ target: "repo", path: `coverage/${name}`, ...(format && { format }) }, scratch);
}

describe("coverage probe", () => {
  it("reads lcov: lines, branches and functions as ratios; statements absent", async () => {
    const result = await probe({ path: "lcov.info" });
    expect(result.error).toBeUndefined();
    expect(result.observations).toEqual({ lines: 25 / 30, branches: 12 / 16, functions: 6 / 9, files: 4 });
    expect(result.observations.lines).toBeCloseTo(0.8333, 4);
    expect(result.evidence).toMatchObject({
      report: path.join(fixtures, "lcov.info"),
      format: "lcov",
      totals: { lines: "25/30", branches: "12/16", functions: "6/9" },
      absent: { statements: "lcov reports have no statement counts" },
    });
  });

  it("lists the five least-covered files, leaving out files without lines", async () => {
    const result = await probe({ path: "lcov.info" });
    expect(result.evidence?.leastCovered).toEqual([
      { file: "src/legacy/export-csv.ts", lines: 0.7, covered: 7, found: 10 },
      { file: "src/checkout/cart.ts", lines: 10 / 12, covered: 10, found: 12 },
      { file: "src/checkout/pricing.ts", lines: 1, covered: 8, found: 8 },
    ]);
  });

  it("reads Istanbul's coverage-summary.json from its counts, not its rounded pct", async () => {
    const result = await probe({ path: "coverage-summary.json" });
    expect(result.observations).toEqual({
      lines: 25 / 30,
      branches: 0.75,
      functions: 6 / 9,
      statements: 28 / 34,
      files: 4,
    });
    expect(result.evidence).toMatchObject({ format: "istanbul-summary" });
    expect(result.evidence?.absent).toBeUndefined();
  });

  it("reads Istanbul's coverage-final.json, deriving lines from statements", async () => {
    const result = await probe({ path: "coverage-final.json", format: "istanbul" });
    expect(result.observations).toEqual({
      lines: 5 / 6,
      branches: 0.5,
      functions: 2 / 3,
      statements: 6 / 7,
      files: 2,
    });
    expect(result.evidence).toMatchObject({ format: "istanbul-final" });
  });

  it("reads coverage.py's Cobertura XML: no methods, so functions and statements are absent", async () => {
    const result = await probe({ path: "cobertura-coveragepy.xml" });
    expect(result.observations).toEqual({ lines: 0.85, branches: 4 / 6, files: 4 });
    expect(result.evidence).toMatchObject({
      format: "cobertura",
      absent: {
        functions: "the Cobertura report lists no methods",
        statements: "Cobertura reports have no statement counts",
      },
      leastCovered: [
        { file: "billing/legacy_export.py", lines: 0.5, covered: 2, found: 4 },
        { file: "billing/invoice.py", lines: 0.9, covered: 9, found: 10 },
        { file: "billing/tax.py", lines: 1, covered: 6, found: 6 },
      ],
    });
  });

  it("reads a Java Cobertura report with a DOCTYPE, counting methods as functions", async () => {
    const result = await probe({ path: "cobertura-maven.xml" });
    expect(result.observations).toEqual({ lines: 0.7, branches: 0.5, functions: 4 / 6, files: 2 });
    expect(result.evidence?.leastCovered).toEqual([
      { file: "com/acme/shop/Order.java", lines: 5 / 8, covered: 5, found: 8 },
      { file: "com/acme/shop/Money.java", lines: 1, covered: 2, found: 2 },
    ]);
  });

  it("uses the figures a Cobertura report states without counts, not a recount of its lines", async () => {
    // Cobertura 1.9 writes only line-rate and branch-rate, and measures branches by condition:
    // its <line> elements recount to 70% of branches where the report says 22%.
    const line = (n: number, hits: number, covered: number, found: number) =>
      `<line number="${n}" hits="${hits}" branch="true" condition-coverage="${Math.round((100 * covered) / found)}% (${covered}/${found})"/>`;
    const report = `<?xml version="1.0"?>
<coverage line-rate="0.5" branch-rate="0.22" version="1.9" timestamp="1">
  <packages><package name="shop"><classes>
    <class name="shop.Cart" filename="shop/Cart.java"><lines>
      ${line(10, 4, 3, 4)}${line(11, 0, 0, 2)}${line(12, 9, 4, 4)}
      <line number="13" hits="3" branch="false"/>
    </lines></class>
  </classes></package></packages>
</coverage>`;
    const result = await probeText("cobertura-1.9.xml", report);
    expect(result.error).toBeUndefined();
    expect(result.observations).toEqual({ lines: 0.5, branches: 0.22, files: 1 });
    expect(result.evidence?.totals).toEqual({
      lines: 'line-rate="0.5" as the report states (its details count 3/4)',
      branches: 'branch-rate="0.22" as the report states (its details count 7/10)',
    });
    const broken = await probeText(
      "cobertura-odd.xml",
      report.replace('branch-rate="0.22"', 'branch-rate="22"'),
    );
    expect(broken.observations.branches).toBeUndefined();
    expect(broken.evidence?.absent).toMatchObject({
      branches: 'the report states branch-rate="22", not a ratio between 0 and 1',
    });
  });

  it("reads JaCoCo's report-level counters: METHOD as functions, INSTRUCTION as statements", async () => {
    const result = await probe({ path: "jacoco.xml" });
    expect(result.observations).toEqual({
      lines: 0.85,
      branches: 0.75,
      functions: 0.875,
      statements: 0.81,
      files: 3,
    });
    expect(result.evidence?.leastCovered).toEqual([
      { file: "com/acme/payments/PaymentClient.java", lines: 0.65, covered: 13, found: 20 },
      { file: "com/acme/payments/PaymentService.java", lines: 30 / 32, covered: 30, found: 32 },
      { file: "com/acme/payments/Money.java", lines: 1, covered: 8, found: 8 },
    ]);
  });

  it("leaves a measure with nothing found absent, never 0% or 100%", async () => {
    const result = await probeText("empty.info", "TN:\nSF:src/types.ts\nLF:0\nLH:0\nend_of_record\n");
    expect(result.error).toBeUndefined();
    expect(result.observations).toEqual({ files: 1 });
    expect(result.evidence?.absent).toMatchObject({
      lines: "no lines found in the report (0 of 0): nothing was measured",
      branches: "no branches found in the report (0 of 0): nothing was measured",
    });
  });

  it("names the file and the cause when the report is missing, broken or of no known format", async () => {
    const coverageDir = path.join(scratch, "repo/coverage");
    expect((await probe({ target: "repo", path: "coverage/lcov.info" }, scratch)).error).toBe(
      `coverage report not found: ${coverageDir}/lcov.info`,
    );
    expect((await probeText("bad.json", '{"total": {"lines": ')).error).toMatch(
      new RegExp(`^cannot read coverage report ${coverageDir}/bad.json: not valid JSON: `),
    );
    expect((await probeText("bad.xml", "<coverage>\n<packages>\n</coverage>")).error).toBe(
      `cannot read coverage report ${coverageDir}/bad.xml: not valid XML: line 3: expected </packages>, found </coverage>`,
    );
    expect((await probeText("notes.txt", "all good\n")).error).toBe(
      `cannot tell the format of coverage report ${coverageDir}/notes.txt: unknown format, not lcov, Istanbul JSON, Cobertura XML or JaCoCo XML (set format: to one of lcov, istanbul, cobertura, jacoco)`,
    );
    expect((await probeText("pom.xml", "<project/>")).error).toMatch(/: XML with a <project> root, not lcov/);
    expect((await probeText("forced.xml", "<coverage/>", "jacoco")).error).toBe(
      `cannot read coverage report ${coverageDir}/forced.xml: not a valid JaCoCo report: the root element is <coverage>, not <report>`,
    );
  });

  it("refuses reports outside the target directory", async () => {
    expect((await probe({ target: "repo", path: "../secret.txt" }, scratch)).error).toBe(
      `path "../secret.txt" leaves the target directory ${scratch}/repo`,
    );
    expect((await probe({ target: "repo", path: "coverage/escape.info" }, scratch)).error).toBe(
      `coverage report ${scratch}/repo/coverage/escape.info leads outside the target directory`,
    );
  });

  it("validates its config strictly", async () => {
    const parse = (config: unknown) => coverageProbe.configSchema.safeParse(config).success;
    expect(parse({ path: "coverage/lcov.info", format: "lcov" })).toBe(true);
    expect(parse({ path: "x", format: "clover" })).toBe(false);
    expect(parse({ target: "repo" })).toBe(false);
    expect(parse({ path: "x", threshold: 80 })).toBe(false);
    await expect(probe({ target: "api", path: "x" })).rejects.toMatchObject({
      message: 'coverage: target "api" has no path',
    });
  });
});
