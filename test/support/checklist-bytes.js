import { decodeChecklistSource, parseChecklist } from "../../src/checklist/index.js";
export function parseText(text, path = "checklist.md") {
  return parseChecklist(decodeChecklistSource(path, new TextEncoder().encode(text)));
}
export function parseBytes(bytes, path = "checklist.md") {
  return parseChecklist(decodeChecklistSource(path, bytes));
}
//# sourceMappingURL=checklist-bytes.js.map
