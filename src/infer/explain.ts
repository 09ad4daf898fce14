import { REVIEW_BELOW } from "./check-blocks.js";
import type { ItemInference } from "./types.js";

/** `gonogo init --explain --json`: one entry per item, in document order. */
export interface ExplainEntry {
  item: { id: string; text: string; line: number };
  proposals: {
    probe: string;
    config: Record<string, unknown>;
    expect: string[];
    confidence: number;
    because: string[];
  }[];
}

export function explainJson(inferences: ItemInference[]): ExplainEntry[] {
  return inferences.map(({ item, proposals }) => ({
    item: { id: item.id, text: item.text, line: item.line },
    proposals: proposals.map(({ probe, config, expect, confidence, because }) => ({
      probe,
      config,
      expect,
      confidence,
      because,
    })),
  }));
}

/** A terminal table: line, item, probe, expectations, confidence; then the share of items bound. */
export function explainText(inferences: ItemInference[]): string {
  const rows: string[][] = [["line", "item", "probe", "expectations", "conf"]];
  for (const { item, proposals, manualReason, waiverReason } of inferences) {
    const text = clip(item.text, 48);
    if (proposals.length === 0) {
      const why = waiverReason ? `waiver candidate: ${waiverReason}` : (manualReason ?? "no rule matched");
      rows.push([String(item.line), text, "manual", why, ""]);
    }
    proposals.forEach((p, i) => {
      rows.push([
        i === 0 ? String(item.line) : "",
        i === 0 ? text : "",
        p.probe,
        p.expect.join("; "),
        p.confidence.toFixed(1),
      ]);
    });
  }
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  const lines = rows.map((r) =>
    r
      .map((cell, c) => (c < 3 ? cell.padEnd(widths[c] ?? 0) : cell))
      .join("  ")
      .trimEnd(),
  );
  const bound = inferences.filter((i) => i.proposals.length > 0).length;
  const pct = inferences.length === 0 ? 0 : Math.round((bound / inferences.length) * 100);
  const guesses = inferences.filter(
    (i) => i.proposals.length > 0 && i.proposals.every((p) => p.confidence < REVIEW_BELOW),
  ).length;
  lines.push("", `${bound} of ${inferences.length} items have a proposed check (${pct}%).`);
  if (guesses > 0)
    lines.push(`${guesses} of them only below confidence ${REVIEW_BELOW}: written commented out, to review.`);
  return `${lines.join("\n")}\n`;
}

function clip(text: string, width: number): string {
  const chars = Array.from(text);
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join("")}…`;
}
