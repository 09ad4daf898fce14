import { readFile } from "node:fs/promises";
import { z } from "zod";
import { GonogoError } from "../core/errors.js";
import type { JsonReport } from "../report/json.js";
import type { AttestableRun } from "./statement.js";

const STATUSES = ["pass", "fail", "error", "attested", "waived", "claimed", "open"] as const;
const pct = z.number();
const count = z.int().min(0);
const summary = z.looseObject({
  items: count,
  applicable: count,
  pass: count,
  fail: count,
  error: count,
  attested: count,
  waived: count,
  claimed: count,
  open: count,
  verifiedPct: pct,
  claimedPct: pct,
});

// The fields of a JSON report (schemaVersion 1) an attestation reads; the rest passes through.
const reportSchema = z.looseObject({
  schemaVersion: z.literal(1),
  tool: z.looseObject({ name: z.string(), version: z.string() }),
  checklist: z.looseObject({
    path: z.string(),
    title: z.string().nullable(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, "a sha256 in lowercase hex"),
  }),
  verdict: z.enum(["GO", "NO-GO"], { error: "no verdict: write the report with gonogo verify, not status" }),
  // An interrupted run proves nothing and is never signed; reports written before this field existed are refused too.
  complete: z.literal(true, {
    error: "the run did not complete (interrupted, or a report without `complete`): verify again",
  }),
  summary,
  gates: z.array(
    z.looseObject({
      name: z.string(),
      ok: z.boolean(),
      actual: z.string(),
      required: z.string(),
      reason: z.string(),
    }),
  ),
  sections: z.array(
    z.looseObject({
      id: z.string(),
      title: z.string(),
      parent: z.string().nullable(),
      summary,
    }),
  ),
  // What the verdict is judged again from (src/verdict/recheck-report.ts).
  items: z.array(
    z.looseObject({
      id: z.string(),
      text: z.string(),
      line: z.int(),
      section: z.string().nullable(),
      parent: z.string().nullable(),
      checked: z.boolean(),
      status: z.enum(STATUSES),
      checks: z.array(
        z.looseObject({
          id: z.string(),
          status: z.enum(["pass", "fail", "error"]),
          expectations: z.array(z.looseObject({ expr: z.string(), ok: z.boolean() })),
        }),
      ),
      critical: z.boolean().optional(),
    }),
  ),
});

/** A report file written by `gonogo verify --format json --out FILE`, as a run to attest. */
export async function loadReportRun(path: string, git?: { commit: string }): Promise<AttestableRun> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new GonogoError(
      "input",
      `--report ${path}: cannot read it: ${(error as NodeJS.ErrnoException).code ?? error}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new GonogoError("input", `--report ${path}: not JSON (${(error as Error).message})`);
  }
  const parsed = reportSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new GonogoError("input", `--report ${path}: not a gonogo verify JSON report`, lines);
  }
  return {
    report: parsed.data as unknown as JsonReport,
    runId: null,
    complete: true,
    source: `--report ${path}`,
    ...(git ? { git } : {}),
  };
}
