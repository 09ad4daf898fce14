import type { z } from "zod";
import { type JsonReport, lenientReportModel, reportModel } from "./report.js";

export type ReportParse = { ok: true; report: JsonReport } | { ok: false; issues: string[] };

/** `items[3].checks[0].status`: where in the report an issue is. */
export function reportPath(path: readonly PropertyKey[]): string {
  const dotted = path
    .map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`))
    .join("")
    .replace(/^\./, "");
  return dotted === "" ? "(root)" : dotted;
}

/** Each zod issue as one line with its path: `items[3].status: Invalid option: expected one of …`. */
export function describeReportIssues(error: z.ZodError): string[] {
  return error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => `${reportPath([...issue.path, key])}: unknown key`)
      : [`${reportPath(issue.path)}: ${issue.message}`],
  );
}

/**
 * A JSON report (already JSON.parse'd) checked against the model. `unknownKeys: "refuse"` holds a
 * report to exactly what this gonogo writes (tests); `"allow"` lets a newer gonogo's added fields
 * through, for reports that come from elsewhere (a file, a push to the server).
 *
 * @example parseReport(JSON.parse(text), { unknownKeys: "allow" })
 */
export function parseReport(value: unknown, options: { unknownKeys: "refuse" | "allow" }): ReportParse {
  const model = options.unknownKeys === "refuse" ? reportModel : lenientReportModel;
  const parsed = model.report.safeParse(value);
  return parsed.success
    ? { ok: true, report: parsed.data }
    : { ok: false, issues: describeReportIssues(parsed.error) };
}
