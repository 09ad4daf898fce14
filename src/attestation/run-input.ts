import { readFile } from "node:fs/promises";
import { z } from "zod";
import { GonogoError } from "../core/errors.js";
import { readFailureKind } from "../core/fs-failure.js";
import { describeReportIssues } from "../model/parse-report.js";
import { lenientReportModel } from "../model/report.js";
import { verdictSchema } from "../model/vocabulary.js";
import type { AttestableRun } from "./statement.js";

// A report to sign is a verify report that finished: the model (read leniently, so a newer gonogo's
// added fields pass) with a verdict, its gates, and `complete: true`.
const attestableReportSchema = lenientReportModel.report.extend({
  verdict: z.enum(verdictSchema.options, {
    error: "no verdict: write the report with gonogo verify, not status",
  }),
  // An interrupted run proves nothing and is never signed; reports written before this field existed are refused too.
  complete: z.literal(true, {
    error: "the run did not complete (interrupted, or a report without `complete`): verify again",
  }),
  gates: z.array(lenientReportModel.gate),
});

/** A report file written by `gonogo verify --format json --out FILE`, as a run to attest. */
export async function loadReportRun(path: string, git?: { commit: string }): Promise<AttestableRun> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new GonogoError(
      readFailureKind(error, "input"),
      `--report ${path}: cannot read it: ${(error as NodeJS.ErrnoException).code ?? error}`,
      [],
      { cause: error },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new GonogoError("input", `--report ${path}: not JSON (${(error as Error).message})`, [], {
      cause: error,
    });
  }
  const parsed = attestableReportSchema.safeParse(json);
  if (!parsed.success) {
    const lines = describeReportIssues(parsed.error);
    throw new GonogoError("input", `--report ${path}: not a gonogo verify JSON report`, lines);
  }
  return {
    report: parsed.data,
    runId: null,
    complete: true,
    source: `--report ${path}`,
    ...(git ? { git } : {}),
  };
}
