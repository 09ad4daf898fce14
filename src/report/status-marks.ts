import type { ItemStatus } from "../core/item-status.js";
import type { Colour } from "./style.js";

/** How a status shows in a terminal: a mark that reads without colour, and its colour when there is colour. */
export const STATUS_MARK: Record<ItemStatus, { mark: string; colour: Colour }> = {
  pass: { mark: "✓", colour: "green" },
  attested: { mark: "✓", colour: "green" },
  fail: { mark: "✗", colour: "red" },
  error: { mark: "!", colour: "red" },
  claimed: { mark: "?", colour: "yellow" },
  open: { mark: "○", colour: "gray" },
  waived: { mark: "-", colour: "gray" },
};

/** Why an item no check decided does not count as verified: said the same way in every report. */
export const UNVERIFIED_REASON = {
  claimed: "not verified: ticked with no check behind it",
  open: "not verified: not ticked and no check behind it",
  waived: "waived: not applicable, left out of every percentage",
} as const satisfies Partial<Record<ItemStatus, string>>;
