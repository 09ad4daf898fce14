import {
  type Counts,
  type CoverageReport,
  countHits,
  ReportSyntaxError,
  sumCounts,
} from "./coverage-report.js";
import { scanXml, type XmlHandler } from "./xml-scanner.js";

interface FileLines {
  hits: Map<number, number>;
  /** Per line with branches: [covered, found] from `condition-coverage="50% (1/2)"`. */
  branches: Map<number, Counts>;
}

/**
 * Cobertura XML (coverage.py, cobertura-maven-plugin, coverlet, gcovr ...). Totals are the root's
 * `lines-valid`/`lines-covered` and `branches-valid`/`branches-covered`, as the tool reported them;
 * without them, they are summed from the `<line>` elements. Functions are counted from `<method>`
 * elements (covered when one of its lines ran) when the report has any (coverage.py writes none).
 * Cobertura has no statement counts.
 */
export function parseCobertura(text: string): CoverageReport {
  const files = new Map<string, FileLines>();
  const root: Record<string, string> = {};
  const methods = { covered: 0, found: 0 };
  let currentFile: FileLines | undefined;
  let methodRan: boolean | undefined;
  const handler: XmlHandler = {
    open(name, attributes, parent) {
      if (parent === undefined) {
        if (name !== "coverage") throw new ReportSyntaxError(`the root element is <${name}>, not <coverage>`);
        Object.assign(root, attributes);
      } else if (name === "class") {
        const file = attributes.filename ?? attributes.name ?? "";
        currentFile = files.get(file) ?? { hits: new Map(), branches: new Map() };
        files.set(file, currentFile);
      } else if (name === "method") {
        methodRan = false;
      } else if (name === "line" && methodRan !== undefined) {
        if (Number(attributes.hits) > 0) methodRan = true;
      } else if (name === "line" && currentFile !== undefined) {
        readLine(currentFile, attributes);
      }
    },
    close(name) {
      if (name === "class") currentFile = undefined;
      if (name === "method") {
        methods.found++;
        if (methodRan) methods.covered++;
        methodRan = undefined;
      }
    },
  };
  scanXml(text, handler);
  const perFile = [...files].map(([file, lines]) => ({ file, lines: countHits(lines.hits.values()) }));
  const branchCounts = [...files.values()].flatMap((lines) => [...lines.branches.values()]);
  return {
    format: "cobertura",
    totals: {
      lines: rootCounts(root, "lines") ?? sumCounts(perFile.map((file) => file.lines)),
      branches: rootCounts(root, "branches") ?? sumCounts(branchCounts),
      ...(methods.found > 0 && { functions: methods }),
    },
    unsupported: {
      ...(methods.found === 0 && { functions: "the Cobertura report lists no methods" }),
      statements: "Cobertura reports have no statement counts",
    },
    files: perFile,
  };
}

function readLine(file: FileLines, attributes: Record<string, string>): void {
  const number = Number(attributes.number);
  const hits = Number(attributes.hits);
  if (!Number.isFinite(number) || !Number.isFinite(hits)) {
    throw new ReportSyntaxError(
      `<line number="${attributes.number}" hits="${attributes.hits}"> is not two numbers`,
    );
  }
  // A file split into several <class> elements (Java inner classes) may list a line more than once.
  file.hits.set(number, Math.max(file.hits.get(number) ?? 0, hits));
  const condition = /\((\d+)\/(\d+)\)/.exec(attributes["condition-coverage"] ?? "");
  if (attributes.branch === "true" && condition) {
    file.branches.set(number, { covered: Number(condition[1]), found: Number(condition[2]) });
  }
}

/** `lines-valid` / `lines-covered` on <coverage>, when both are there and numbers. */
function rootCounts(root: Record<string, string>, measure: "lines" | "branches"): Counts | undefined {
  const found = Number(root[`${measure}-valid`] ?? Number.NaN);
  const covered = Number(root[`${measure}-covered`] ?? Number.NaN);
  return Number.isFinite(found) && Number.isFinite(covered) ? { covered, found } : undefined;
}
