import { TOOL } from "../../core/version.js";
import { escapeHtml as h } from "./escape.js";
import { STYLES } from "./styles.js";

// Nothing may leave the page: no scripts, no fetches; styles and images only from the page itself.
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** The tool and version a page says made it ("gonogo 0.1.0"). */
export const PAGE_TOOL = `${TOOL.name} ${TOOL.version}`;

/**
 * One self-contained HTML page (inline CSS, no script, no network) around `blocks`, the shell
 * every HTML report shares: `title` in the tab, `footer` (already escaped parts, joined by " · ")
 * after the tool's name.
 */
export function htmlPage(options: { title: string; blocks: string[]; footer: string[] }): string {
  const blocks = options.blocks.filter((block) => block !== "");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${h(PAGE_TOOL)}">
<title>${h(options.title)}</title>
<style>${STYLES}</style>
</head>
<body>
<main>
${blocks.join("\n")}
<footer>${[h(PAGE_TOOL), ...options.footer].join(" · ")}</footer>
</main>
</body>
</html>
`;
}
