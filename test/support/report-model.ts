// Every JSON report a test reads is held to the report model exactly (src/model/report.ts): an
// unknown key, a missing field or a word outside DESIGN.md's vocabulary fails the test, naming
// where in the report it is.

import { parseReport } from "../../src/model/parse-report.js";
import type { JsonReport } from "../../src/model/report.js";

/** `value` (a parsed JSON report) as the model types it, or an error listing each issue with its path. */
export function checkedReport(value: unknown, where: string): JsonReport {
  const parsed = parseReport(value, { unknownKeys: "refuse" });
  if (parsed.ok) return parsed.report;
  throw new Error(`${where}: not a JSON report as the model describes it:\n${parsed.issues.join("\n")}`);
}
