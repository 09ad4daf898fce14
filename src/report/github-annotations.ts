import type { JsonCheckResult, JsonItem, JsonReport } from "../model/report.js";
import { checkEvidence } from "./evidence.js";
import { gateOutcome, gateTally, reportVerdict } from "./gate-tally.js";
import { itemChildren } from "./outline.js";

export interface GithubAnnotationOptions {
  /**
   * The checklist's path as GitHub knows it, relative to the repository root; the report's own path
   * by default, which is right when gonogo runs from the root on a relative path.
   */
  file?: string;
}

// The rules of @actions/core's command.ts: data escapes %, CR and LF; a property value also `:` and `,`.
function escapeData(text: string): string {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

function command(
  kind: "error" | "warning",
  properties: Record<string, string | number>,
  message: string,
): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(",");
  return `::${kind} ${props}::${escapeData(message)}`;
}

function checkAnnotation(file: string, item: JsonItem, check: JsonCheckResult): string {
  const message = [item.text, ...checkEvidence(check)].join("\n");
  return command("error", { file, line: item.line, title: check.id }, message);
}

/** One annotation per check that did not pass; an item with no result of its own (a parent) has its children's. */
function itemAnnotations(report: JsonReport, file: string): string[] {
  const children = itemChildren(report.items);
  return report.items.flatMap((item) => {
    const { status, checks } = item;
    if (status !== "fail" && status !== "error") return [];
    if (checks.length === 0) {
      if (children.has(item.id)) return [];
      return [
        command("error", { file, line: item.line, title: status }, `${item.text}\nno check result recorded`),
      ];
    }
    return checks.filter((c) => c.status !== "pass").map((c) => checkAnnotation(file, item, c));
  });
}

/**
 * GitHub Actions workflow commands that pin a NO-GO, each failing check and each lint warning to
 * the checklist's lines in the pull request's diff, e.g.
 * `::error file=checklist.md,line=6,title=rate-limit::Rate limiting enabled%0Astatus 200 == 429 ✗`.
 * The verdict comes first: GitHub shows only the first ten errors of a step.
 */
export function renderGithubAnnotations(report: JsonReport, options: GithubAnnotationOptions = {}): string {
  const file = options.file ?? report.checklist.path;
  const lines: string[] = [];
  const verdict = reportVerdict(report);
  if (verdict?.verdict === "NO-GO") {
    const failed = verdict.gates.filter((g) => !g.ok).map((g) => `✗ ${g.name}: ${gateOutcome(g)}`);
    lines.push(
      command("error", { file, line: 1, title: "gonogo: NO-GO" }, [gateTally(verdict), ...failed].join("\n")),
    );
  }
  lines.push(...itemAnnotations(report, file));
  for (const finding of report.lint) {
    if (finding.severity !== "warning") continue;
    lines.push(command("warning", { file, line: finding.line, title: finding.rule }, finding.message));
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
