import { dirname, isAbsolute, join, relative } from "node:path";
import { writeFileAtomic } from "../../atomic-write.js";
import { loadChecklist } from "../../checklist/index.js";
import { writeBackTicks } from "../../checklist/write-back.js";
import { loadConfig } from "../../config/index.js";
import { itemOutcomes } from "../../engine/item-outcomes.js";
import { bindPlan } from "../../engine/plan.js";
import { createProgress } from "../../engine/progress.js";
import { createRedactor } from "../../engine/redact.js";
import { runPlan } from "../../engine/run-plan.js";
import { GonogoError } from "../../errors.js";
import { renderGithubAnnotations } from "../../report/github-annotations.js";
import { renderJson } from "../../report/json.js";
import { renderJunit } from "../../report/junit.js";
import { renderMarkdown } from "../../report/markdown.js";
import { colourWanted, createStyle } from "../../report/style.js";
import { renderText } from "../../report/text.js";
import { type Assessment, assessChecklist } from "../../verdict/assessment.js";
import { decideVerdict } from "../../verdict/gates.js";

export const FORMATS = ["text", "json", "junit", "markdown"] as const;
type Format = (typeof FORMATS)[number];

export interface VerifyOptions {
  config?: string;
  format: string;
  out?: string;
  write?: boolean;
  verbose?: boolean;
}

/** `gonogo verify`: runs the bound checks, prints the report and the verdict; 0 GO, 1 NO-GO. */
export async function runVerify(path: string, options: VerifyOptions): Promise<number> {
  const format = parseFormat(options.format);
  const checklist = await loadChecklist(path);
  const loaded = await loadConfig(options.config ?? join(dirname(path), "gonogo.yml"));
  const plan = bindPlan(checklist, loaded);
  const redact = createRedactor(loaded.secrets);

  const controller = new AbortController();
  const onInterrupt = () => {
    process.stderr.write(
      "\ngonogo: interrupted; stopping the running checks and reporting what was measured\n",
    );
    controller.abort();
  };
  process.once("SIGINT", onInterrupt);
  let results: Awaited<ReturnType<typeof runPlan>>;
  try {
    results = await runPlan(plan, {
      signal: controller.signal,
      onEvent: createProgress(process.stderr, plan.checks.length),
    });
  } finally {
    process.off("SIGINT", onInterrupt);
  }

  // Evidence is redacted before anything renders it: escaping in a report format could otherwise
  // hide a secret from the final pass over the rendered text.
  const outcomes = itemOutcomes(plan, redact(results));
  const scored = assessChecklist(checklist, outcomes.own, outcomes.checks);
  const assessment: Assessment = { ...scored, verdict: redact(decideVerdict(scored, plan)) };
  const report = redact(render(assessment, format, options));
  if (options.out) await writeFileAtomic(options.out, report);
  else process.stdout.write(report);
  if (process.env.GITHUB_ACTIONS === "true") {
    process.stdout.write(redact(renderGithubAnnotations(assessment, { file: repoRelative(path) })));
  }

  if (options.write)
    await writeBack(
      assessment,
      plan.checks.flatMap((c) => c.itemIds),
    );
  return assessment.verdict?.verdict === "GO" ? 0 : 1;
}

/** GitHub resolves annotation paths from the repository root, which is where a workflow runs. */
function repoRelative(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

function parseFormat(format: string): Format {
  if ((FORMATS as readonly string[]).includes(format)) return format as Format;
  throw new GonogoError(
    "usage",
    `--format ${format}: not a report format (choose one of ${FORMATS.join(", ")})`,
  );
}

function render(assessment: Assessment, format: Format, options: VerifyOptions): string {
  switch (format) {
    case "json":
      return renderJson(assessment);
    case "junit":
      return renderJunit(assessment);
    case "markdown":
      return renderMarkdown(assessment);
    default: {
      const toFile = options.out !== undefined;
      const style = createStyle(!toFile && colourWanted(process.stdout));
      return renderText(assessment, { style, verbose: options.verbose ?? false });
    }
  }
}

/** Bound items take the tick their evidence earned: pass/attested ticked, fail/error unticked. */
async function writeBack(assessment: Assessment, boundItemIds: string[]): Promise<void> {
  const wanted = new Map<string, boolean>();
  for (const id of new Set(boundItemIds)) {
    const status = assessment.statuses.get(id);
    if (status === "pass" || status === "attested") wanted.set(id, true);
    if (status === "fail" || status === "error") wanted.set(id, false);
  }
  const changed = await writeBackTicks(assessment.checklist, wanted);
  process.stderr.write(
    `gonogo: --write: ${changed} tick${changed === 1 ? "" : "s"} updated in ${assessment.checklist.source.path}\n`,
  );
}
