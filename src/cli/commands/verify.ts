import { stat } from "node:fs/promises";
import { dirname, isAbsolute, join, relative } from "node:path";
import { writeFileAtomic } from "../../atomic-write.js";
import { loadChecklist } from "../../checklist/index.js";
import { writeBackTicks } from "../../checklist/write-back.js";
import { loadConfig } from "../../config/index.js";
import type { CheckResult } from "../../engine/check-result.js";
import { itemOutcomes } from "../../engine/item-outcomes.js";
import { bindPlan, type Plan } from "../../engine/plan.js";
import { createProgress } from "../../engine/progress.js";
import { runPlan } from "../../engine/run-plan.js";
import { GonogoError } from "../../errors.js";
import { createRedactor } from "../../redact.js";
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
  if (options.out) await assertWritableFolder(options.out);
  const checklist = await loadChecklist(path);
  const loaded = await loadConfig(options.config ?? join(dirname(path), "gonogo.yml"));
  const plan = bindPlan(checklist, loaded);
  const redact = createRedactor(loaded.secrets);

  const { results, interrupted } = await runInterruptibly(plan);
  // Evidence is redacted before anything renders it (escaping in a report format could hide a
  // secret from a pass over the rendered text); the checklist's own text and ids are not touched.
  const outcomes = itemOutcomes(plan, redact(results));
  const scored = assessChecklist(checklist, outcomes.own, outcomes.checks);
  const assessment: Assessment = { ...scored, verdict: redact(decideVerdict(scored, plan)) };
  const report = render(assessment, format, options);
  if (options.out) await writeFileAtomic(options.out, report);
  else process.stdout.write(report);
  if (process.env.GITHUB_ACTIONS === "true") {
    // Annotations must not corrupt JSON or JUnit on stdout: then they go to stderr, which the runner also reads.
    const machineOutput = !options.out && (format === "json" || format === "junit");
    const stream = machineOutput ? process.stderr : process.stdout;
    stream.write(renderGithubAnnotations(assessment, { file: repoRelative(path) }));
  }

  if (options.write) {
    if (interrupted)
      process.stderr.write(
        "gonogo: --write skipped: the run was interrupted, so its evidence is incomplete\n",
      );
    else
      await writeBack(
        assessment,
        plan.checks.flatMap((c) => c.itemIds),
      );
  }
  return assessment.verdict?.verdict === "GO" && !interrupted ? 0 : 1;
}

/**
 * Runs the plan; the first Ctrl-C (or SIGTERM) stops the running checks and the report still shows
 * what was measured. A second one exits at once: the command probe's exit hook kills its process groups.
 */
async function runInterruptibly(
  plan: Plan,
): Promise<{ results: Map<string, CheckResult>; interrupted: boolean }> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(signal === "SIGINT" ? 130 : 143);
    process.stderr.write(
      `\ngonogo: ${signal}: stopping the running checks and reporting what was measured\n`,
    );
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const onEvent = createProgress(process.stderr, plan.checks.length);
    const results = await runPlan(plan, { signal: controller.signal, onEvent });
    return { results, interrupted: controller.signal.aborted };
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** `--out` into a folder that does not exist is found before the checks run, not after. */
async function assertWritableFolder(out: string): Promise<void> {
  const folder = dirname(out);
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory())
    throw new GonogoError("usage", `--out ${out}: the folder ${folder} does not exist`);
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
