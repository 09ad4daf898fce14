import { escapeHtml } from "../../report/html/escape.js";

/** Markup already escaped, so `html` does not escape it twice. */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Value = SafeHtml | string | number | null | undefined | false | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/**
 * A tagged template that escapes every interpolated value unless it is `SafeHtml` (another `html`
 * result): pages are built from strings that came from checklists, configs and proxies, so
 * escaping is the default and raw markup the exception you can see.
 *
 * @example html`<td>${item.text}</td>` // "<td>&lt;script&gt;</td>" for item.text "<script>"
 */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}

/** Markup made elsewhere and escaped there (the report's SVG charts). */
export const trusted = (markup: string): SafeHtml => new SafeHtml(markup);
