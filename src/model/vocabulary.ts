import { z } from "zod";

/**
 * The fixed words of docs/architecture.md ("Words", "Item status") as zod enums: the report's statuses and verdicts are these and no
 * others. The JSON report (report.ts) is made of them; its JSON Schema lists them as `enum`s.
 */

/** An item's status, in the order of docs/architecture.md's table. */
export const itemStatusSchema = z.enum(["pass", "fail", "error", "attested", "waived", "claimed", "open"]);

/** What one check came to: its expectations held, one did not, or it could not run. */
export const checkStatusSchema = z.enum(["pass", "fail", "error"]);

export const verdictSchema = z.enum(["GO", "NO-GO"]);

export const lintSeveritySchema = z.enum(["warning", "info"]);

/** `task` for a task-list item, `table` for a row of a table read as a checklist. */
export const itemFormSchema = z.enum(["task", "table"]);

/** How a GFM table was read: its rows as checklist items, or as data. */
export const tableReadingSchema = z.enum(["items", "data"]);

/** The comparator of a target stated in an item's prose ("p95 latency <300ms"). */
export const targetOpSchema = z.enum(["<", "<=", ">", ">=", "=="]);

/** A measured quantity's unit: durations are always milliseconds, sizes always bytes. */
export const quantityUnitSchema = z.enum(["ms", "B"]);

/**
 * JSON has no Infinity or NaN: in evidence they are spelled out as strings (report/json.ts), so a
 * number there is a JSON number or one of these.
 */
export const spelledNumberSchema = z.union([z.number(), z.enum(["Infinity", "-Infinity", "NaN"])]);
