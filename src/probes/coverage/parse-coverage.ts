import type { CoverageFormat } from "./config.js";
import { type CoverageReport, ReportSyntaxError } from "./coverage-report.js";
import { parseCobertura } from "./parse-cobertura.js";
import { istanbulShape, parseIstanbulFinal, parseIstanbulSummary } from "./parse-istanbul.js";
import { parseJacoco } from "./parse-jacoco.js";
import { parseLcov } from "./parse-lcov.js";
import { XmlSyntaxError } from "./xml-scanner.js";

/** A parsed report, or why there is none: `kind` tells an unknown format from a broken file. */
export type ParseOutcome = { report: CoverageReport } | { kind: "format" | "syntax"; error: string };

const LABELS: Record<CoverageFormat, string> = {
  lcov: "lcov",
  istanbul: "Istanbul",
  cobertura: "Cobertura",
  jacoco: "JaCoCo",
};

/**
 * Reads a coverage report in the format `format` names, or the one its content shows: XML with a
 * `<coverage>` root is Cobertura and with `<report>` JaCoCo; JSON is Istanbul (summary or final, by
 * shape); `SF:`/`TN:` records are lcov.
 */
export function parseCoverage(text: string, format: CoverageFormat | undefined): ParseOutcome {
  const chosen = format ?? detectFormat(text);
  if (typeof chosen !== "string") return { kind: "format", error: chosen.error };
  try {
    return { report: parseAs(chosen, text) };
  } catch (error) {
    if (error instanceof SyntaxError) return { kind: "syntax", error: `not valid JSON: ${error.message}` };
    if (error instanceof XmlSyntaxError) return { kind: "syntax", error: `not valid XML: ${error.message}` };
    if (error instanceof ReportSyntaxError) {
      return { kind: "syntax", error: `not a valid ${LABELS[chosen]} report: ${error.message}` };
    }
    throw error;
  }
}

function parseAs(format: CoverageFormat, text: string): CoverageReport {
  switch (format) {
    case "lcov":
      return parseLcov(text);
    case "cobertura":
      return parseCobertura(text);
    case "jacoco":
      return parseJacoco(text);
    case "istanbul": {
      const document: unknown = JSON.parse(text);
      const shape = istanbulShape(document);
      if (shape === "istanbul-summary") return parseIstanbulSummary(document);
      if (shape === "istanbul-final" || isEmptyObject(document)) return parseIstanbulFinal(document);
      throw new ReportSyntaxError(
        'neither a coverage-summary.json (no "total" entry) nor a coverage-final.json (no "statementMap")',
      );
    }
  }
}

function detectFormat(text: string): CoverageFormat | { error: string } {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, "");
  const start = head.trimStart();
  const unknown = (what: string) => ({
    error: `${what}, not lcov, Istanbul JSON, Cobertura XML or JaCoCo XML (set format: to one of ${Object.keys(LABELS).join(", ")})`,
  });
  if (start === "") return unknown("the file is empty");
  if (start.startsWith("<")) {
    const root = /<([A-Za-z_][\w.:-]*)/.exec(
      head.replace(/<!--[\s\S]*?-->|<![^>]*>|<\?[\s\S]*?\?>/g, ""),
    )?.[1];
    if (root === "coverage") return "cobertura";
    if (root === "report") return "jacoco";
    return unknown(
      root === undefined ? "XML without a root element in its first 4 KB" : `XML with a <${root}> root`,
    );
  }
  if (start.startsWith("{")) return "istanbul";
  if (/^(SF|TN):/m.test(head)) return "lcov";
  return unknown("unknown format");
}

function isEmptyObject(document: unknown): boolean {
  return typeof document === "object" && document !== null && Object.keys(document).length === 0;
}
