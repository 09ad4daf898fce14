import { loadChecklist } from "../../checklist/index.js";
import { renderJson } from "../../report/json.js";
import { renderStatusText } from "../../report/status-text.js";
import { colourWanted, createStyle } from "../../report/style.js";
import { assessChecklist } from "../../verdict/assessment.js";

/** `gonogo status`: the document alone. Never writes to the checklist. Exit 0 on success. */
export async function runStatus(path: string, options: { json?: boolean }): Promise<number> {
  const checklist = await loadChecklist(path);
  const assessment = assessChecklist(checklist);
  for (const warning of checklist.source.warnings) process.stderr.write(`gonogo: warning: ${warning}\n`);
  if (options.json) {
    process.stdout.write(renderJson(assessment));
  } else {
    process.stdout.write(renderStatusText(assessment, createStyle(colourWanted(process.stdout))));
  }
  return 0;
}
