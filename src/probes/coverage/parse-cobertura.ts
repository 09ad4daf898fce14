import {
  type Counts,
  type CoverageReport,
  countHits,
  ReportSyntaxError,
  type StatedRate,
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
 * without them, they are summed from the `<line>` elements, and the root's `line-rate` /
 * `branch-rate` (Cobertura 1.9 writes only those) are kept as the figures the report states. Functions are counted from `<method>`
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
  const lines = rootCounts(root, "lines");
  const branches = rootCounts(root, "branches");
  const stated = {
    ...(lines === undefined && statedRate(root, "line-rate", "lines")),
    ...(branches === undefined && statedRate(root, "branch-rate", "branches")),
  };
  return {
    format: "cobertura",
    totals: {
      lines: lines ?? sumCounts(perFile.map((file) => file.lines)),
      branches: branches ?? sumCounts(branchCounts),
      ...(methods.found > 0 && { functions: methods }),
    },
    ...(Object.keys(stated).length > 0 && { stated }),
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

/** `{ lines: { attribute: "line-rate", text: "0.22" } }` when the root states that figure. */
function statedRate(
  root: Record<string, string>,
  attribute: "line-rate" | "branch-rate",
  measure: "lines" | "branches",
): Partial<Record<"lines" | "branches", StatedRate>> {
  const text = root[attribute];
  return text === undefined ? {} : { [measure]: { attribute, text } };
}

/** `lines-valid` / `lines-covered` on <coverage>, when both are there and numbers. */
function rootCounts(root: Record<string, string>, measure: "lines" | "branches"): Counts | undefined {
  const found = Number(root[`${measure}-valid`] ?? Number.NaN);
  const covered = Number(root[`${measure}-covered`] ?? Number.NaN);
  return Number.isFinite(found) && Number.isFinite(covered) ? { covered, found } : undefined;
}
