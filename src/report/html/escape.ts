const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Text for HTML element content or a quoted attribute value, in the page or in inline SVG:
 * `<script>` becomes `&lt;script&gt;`, quotes cannot end an attribute, `</style>` ends nothing.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
