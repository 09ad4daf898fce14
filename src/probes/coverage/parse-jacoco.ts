import { type Counts, type CoverageReport, type Measure, ReportSyntaxError } from "./coverage-report.js";
import { scanXml, type XmlHandler } from "./xml-scanner.js";

/**
 * JaCoCo counter types by the measure they stand for. INSTRUCTION (bytecode instructions, JaCoCo's
 * headline "Instructions Cov.") is the nearest JaCoCo has to statements; METHOD counts functions.
 */
const MEASURE_OF: Record<string, Measure> = {
  LINE: "lines",
  BRANCH: "branches",
  METHOD: "functions",
  INSTRUCTION: "statements",
};

/**
 * JaCoCo XML (`jacoco.xml`). Totals are the `<counter>` elements directly under `<report>`; files
 * are the `<sourcefile>` elements with their LINE counter, named `package/File.java`. A measure with
 * no report-level counter is absent (JaCoCo leaves out counters of a report with no classes).
 */
export function parseJacoco(text: string): CoverageReport {
  const totals: Partial<Record<Measure, Counts>> = {};
  const files: { file: string; lines: Counts }[] = [];
  let packageName = "";
  let sourceFile: { file: string; lines: Counts } | undefined;
  const handler: XmlHandler = {
    open(name, attributes, parent) {
      if (parent === undefined && name !== "report") {
        throw new ReportSyntaxError(`the root element is <${name}>, not <report>`);
      }
      if (name === "package") packageName = attributes.name ?? "";
      else if (name === "sourcefile" && parent === "package") {
        const file = packageName === "" ? (attributes.name ?? "") : `${packageName}/${attributes.name ?? ""}`;
        sourceFile = { file, lines: { covered: 0, found: 0 } };
        files.push(sourceFile);
      } else if (name === "counter") {
        const type = attributes.type ?? "";
        const measure = Object.hasOwn(MEASURE_OF, type) ? MEASURE_OF[type] : undefined;
        if (measure === undefined) return;
        const counts = readCounter(attributes);
        if (parent === "report") totals[measure] = counts;
        else if (parent === "sourcefile" && measure === "lines" && sourceFile) sourceFile.lines = counts;
      }
    },
    close(name) {
      if (name === "sourcefile") sourceFile = undefined;
    },
  };
  scanXml(text, handler);
  return { format: "jacoco", totals, unsupported: {}, files };
}

function readCounter(attributes: Record<string, string>): Counts {
  const missed = Number(attributes.missed);
  const covered = Number(attributes.covered);
  if (!Number.isFinite(missed) || !Number.isFinite(covered)) {
    throw new ReportSyntaxError(
      `<counter type="${attributes.type}" missed="${attributes.missed}" covered="${attributes.covered}"> is not two numbers`,
    );
  }
  return { covered, found: missed + covered };
}
