import { decodeChecklistSource, parseChecklist } from "../../src/checklist/index.js";

export function parseText(text: string, path = "checklist.md") {
  return parseChecklist(decodeChecklistSource(path, new TextEncoder().encode(text)));
}

export function parseBytes(bytes: Uint8Array, path = "checklist.md") {
  return parseChecklist(decodeChecklistSource(path, bytes));
}
