import type { Item } from "../checklist/index.js";
import type { CheckResult } from "../core/check-result.js";
import type { Assessment } from "../verdict/assessment.js";
import { checkEvidence } from "./evidence.js";
import { gateOutcome, gateTally } from "./gate-tally.js";

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

function checkAnnotation(file: string, item: Item, check: CheckResult): string {
  const message = [item.text, ...checkEvidence(check)].join("\n");
  return command("error", { file, line: item.line, title: check.id }, message);
}

/** One annotation per check that did not pass; an item with no result of its own (a parent) has its children's. */
function itemAnnotations(assessment: Assessment, file: string): string[] {
  return assessment.checklist.items.flatMap((item) => {
    const status = assessment.statuses.get(item.id);
    if (status !== "fail" && status !== "error") return [];
    const checks = assessment.checks.get(item.id) ?? [];
    if (checks.length === 0) {
      if (item.children.length > 0) return [];
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
export function renderGithubAnnotations(
  assessment: Assessment,
  options: GithubAnnotationOptions = {},
): string {
  const file = options.file ?? assessment.checklist.source.path;
  const lines: string[] = [];
  const { verdict } = assessment;
  if (verdict?.verdict === "NO-GO") {
    const failed = verdict.gates.filter((g) => !g.ok).map((g) => `✗ ${g.name}: ${gateOutcome(g)}`);
    lines.push(
      command("error", { file, line: 1, title: "gonogo: NO-GO" }, [gateTally(verdict), ...failed].join("\n")),
    );
  }
  lines.push(...itemAnnotations(assessment, file));
  for (const finding of assessment.lint) {
    if (finding.severity !== "warning") continue;
    lines.push(command("warning", { file, line: finding.line, title: finding.rule }, finding.message));
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
