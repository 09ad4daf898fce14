import { z } from "zod";
import type { ObjectMaker } from "./object-kind.js";
import {
  itemStatusSchema,
  lintSeveritySchema,
  tableReadingSchema,
  targetOpSchema,
  verdictSchema,
} from "./vocabulary.js";

const count = z.int().min(0);
const percent = z.number().min(0).max(100);
/** 1-based, in the original file. */
const line = z.int().min(1);

/** The parts of the JSON report beside its items: scores, gates, sign-offs, lint, tables. */
export function defineReportParts<C extends z.core.$ZodObjectConfig>(object: ObjectMaker<C>) {
  const summary = object({
    items: count,
    applicable: count.describe("items - waived"),
    pass: count,
    fail: count,
    error: count,
    attested: count,
    waived: count,
    claimed: count,
    open: count,
    verifiedPct: percent.describe("(pass + attested) / applicable, in percent, one decimal"),
    claimedPct: percent.describe("(pass + attested + claimed) / applicable, in percent, one decimal"),
  });
  return {
    summary,
    tool: object({ name: z.string(), version: z.string() }),
    checklist: object({
      path: z.string(),
      title: z.string().nullable(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/, "a sha256 in lowercase hex"),
      encoding: z.string(),
      warnings: z.array(z.string()),
    }),
    gate: object({
      name: z.string(),
      ok: z.boolean(),
      actual: z.string(),
      required: z.string(),
      reason: z.string(),
    }),
    section: object({
      id: z.string(),
      title: z.string(),
      level: z.int().min(1).max(6),
      line,
      parent: z.string().nullable().describe("the enclosing section's id"),
      summary: summary.describe("its own items and its subsections'"),
    }),
    signoffSlot: object({
      line,
      label: z.string(),
      role: z.string().nullable(),
      section: z.string().nullable(),
      filled: z.boolean(),
      value: z.string().nullable(),
    }),
    lintFinding: object({ rule: z.string(), line, message: z.string(), severity: lintSeveritySchema }),
    tagScore: object({ tag: z.string().describe("level:B, priority:critical"), summary }),
    table: object({
      line,
      section: z.string().nullable(),
      header: z.array(z.string()),
      readAs: tableReadingSchema,
      reason: z.string(),
      items: count,
    }),
    signoff: object({
      id: z.int(),
      section: z.string().describe("the section's title"),
      sectionId: z.string(),
      by: z.string(),
      role: z.string(),
      at: z.string(),
      run: z.int().describe("the run whose evidence it approved"),
      valid: z.boolean(),
      reason: z.string().describe("why it is void, or what it approves"),
    }),
    attestation: object({
      // The store's record: an attestation in a report was read from the store, which adds these.
      id: z.int().optional().describe("the attestation's number in the store"),
      checklist: z.string().optional().describe("the checklist's key in the store"),
      itemId: z.string(),
      itemText: z.string(),
      by: z.string(),
      at: z.string(),
      expiresAt: z.string().nullable(),
      evidence: z.string().nullable(),
      note: z.string().nullable(),
      valid: z.boolean().describe("false once expired"),
      reason: z.string(),
    }),
    target: object({
      metric: z.string(),
      op: targetOpSchema,
      value: z.number(),
      unit: z.string().nullable(),
      text: z.string().describe("the words that stated it: <300ms"),
    }),
    itemStatus: itemStatusSchema,
    verdict: verdictSchema,
  };
}
