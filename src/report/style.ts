import { styleText } from "node:util";

export type Colour = "green" | "yellow" | "red" | "gray" | "bold" | "cyan";

export interface Style {
  paint(colour: Colour | Colour[], text: string): string;
  enabled: boolean;
}

/** Colours only on a terminal and never when NO_COLOR is set (https://no-color.org). */
export function colourWanted(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true;
}

export function createStyle(enabled: boolean): Style {
  return {
    enabled,
    paint: (colour, text) => (enabled ? styleText(colour, text, { validateStream: false }) : text),
  };
}

/** A fixed-width bar: "██████░░░░" for 60%. */
export function bar(pct: number, width = 20): string {
  const filled = Math.round((Math.max(0, Math.min(100, pct)) / 100) * width);
  return "█".repeat(filled) + "░".repeat(width - filled);
}

/**
 * Terminal columns a character takes: emoji and CJK take two, joiners and variation selectors none.
 * An approximation of Unicode's East Asian Width, enough to keep section titles with emoji aligned.
 */
function columns(char: string): number {
  if (/^[\u200d\ufe00-\ufe0f\u0300-\u036f]$/.test(char)) return 0;
  return /\p{Emoji_Presentation}|[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uff00-\uff60]/u.test(char) ? 2 : 1;
}

/** Pads or cuts `text` to exactly `width` terminal columns. */
export function padToColumns(text: string, width: number): string {
  const chars = Array.from(text);
  const total = chars.reduce((sum, c) => sum + columns(c), 0);
  if (total <= width) return text + " ".repeat(width - total);
  let out = "";
  let used = 0;
  for (const char of chars) {
    if (used + columns(char) > width - 1) break;
    out += char;
    used += columns(char);
  }
  return `${out}…${" ".repeat(width - 1 - used)}`;
}
