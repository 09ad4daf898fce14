import { loadChecklist } from "../../checklist/index.js";
import { renderJson, toJsonReport } from "../../report/json.js";
import { renderStatusText } from "../../report/status-text.js";
import { colourWanted, createStyle } from "../../report/style.js";
import { assessChecklist } from "../../verdict/assessment.js";

/** `gonogo status`: the document alone. Never writes to the checklist. Exit 0 on success. */
export async function runStatus(path: string, options: { json?: boolean }): Promise<number> {
  const checklist = await loadChecklist(path);
  const report = toJsonReport(assessChecklist(checklist));
  if (options.json) {
    // The JSON carries the warnings too, but a person reading a pipe's stderr should see them.
    for (const warning of checklist.source.warnings) process.stderr.write(`gonogo: warning: ${warning}\n`);
    process.stdout.write(renderJson(report));
  } else {
    // The terminal view prints the warnings under its title: once is enough.
    process.stdout.write(renderStatusText(report, createStyle(colourWanted(process.stdout))));
  }
  return 0;
}
