import { z } from "zod";
import { defineCheckResult } from "./check-result.js";
import type { ObjectMaker } from "./object-kind.js";
import { defineReportParts } from "./report-parts.js";
import { itemFormSchema, itemStatusSchema, verdictSchema } from "./vocabulary.js";

/**
 * The JSON report, schemaVersion 1 (published as schema/report.schema.json): what `verify` and `status` print with --format
 * json, what the store keeps for every run, what attestations sign and the server accepts, and
 * what every renderer draws from. A stable contract: extend it with new optional fields, never
 * rename or remove one.
 */
function defineReport<C extends z.core.$ZodObjectConfig>(object: ObjectMaker<C>) {
  const part = defineReportParts(object);
  const check = defineCheckResult(object);
  const item = object({
    id: z.string().describe("stable: a slug of its section path and text"),
    text: z.string(),
    line: z.int().min(1),
    section: z.string().nullable().describe("its section's id; null above the first heading"),
    parent: z.string().nullable().describe("its parent item's id"),
    checked: z.boolean().describe("ticked in the document"),
    status: itemStatusSchema,
    targets: z.array(part.target).describe("numeric targets stated in its text"),
    checks: z.array(check),
    form: itemFormSchema,
    tags: z.array(z.string()).describe("level:B, priority:critical, ... as the document writes them"),
    critical: z.literal(true).optional().describe("present on an item listed under gates.critical"),
  });
  const report = object({
    schemaVersion: z.literal(1),
    tool: part.tool,
    checklist: part.checklist,
    verdict: verdictSchema.optional().describe("verify only; status omits it"),
    complete: z.boolean().optional().describe("verify only: false when the run was interrupted"),
    summary: part.summary,
    gates: z.array(part.gate).optional().describe("verify only"),
    sections: z.array(part.section).describe("the document's headings, in order"),
    items: z.array(item).describe("flat, in document order"),
    signoffSlots: z.array(part.signoffSlot),
    lint: z.array(part.lintFinding),
    tagScores: z.array(part.tagScore).optional().describe("levels in ladder order"),
    tables: z.array(part.table).optional().describe("every GFM table, read as items or as data"),
    signoffs: z.array(part.signoff).optional().describe("recorded sign-offs (verify with a store)"),
    attestations: z
      .array(part.attestation)
      .optional()
      .describe("recorded attestations (verify with a store)"),
  });
  return { report, item, check, ...part };
}

/** The report as gonogo writes it: a key the model does not name is an error. */
export const reportModel = defineReport(z.strictObject);
/** The report as a reader of reports from elsewhere takes it: unknown keys pass through. */
export const lenientReportModel = defineReport(z.looseObject);

export type JsonReport = z.infer<typeof reportModel.report>;
export type JsonItem = z.infer<typeof reportModel.item>;
export type JsonCheckResult = z.infer<typeof reportModel.check>;
export type JsonSection = z.infer<typeof reportModel.section>;
export type JsonSummary = z.infer<typeof reportModel.summary>;
export type JsonGate = z.infer<typeof reportModel.gate>;
export type JsonSignoff = z.infer<typeof reportModel.signoff>;
export type JsonSignoffSlot = z.infer<typeof reportModel.signoffSlot>;
export type JsonAttestation = z.infer<typeof reportModel.attestation>;
export type JsonLintFinding = z.infer<typeof reportModel.lintFinding>;
