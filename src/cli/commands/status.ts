import { loadChecklist } from "../../checklist/index.js";
import { toJsonReport } from "../../report/json.js";
import { writeJsonBytes } from "../../report/json-bytes.js";
import { renderStatusText } from "../../report/status-text.js";
import { colourWanted, createStyle } from "../../report/style.js";
import { assessChecklist } from "../../verdict/assessment.js";
import { keepYoungGenerationSmall } from "../small-young-generation.js";
import { stdoutBytes } from "../stdout-bytes.js";

/** `gonogo status`: the document alone. Never writes to the checklist. Exit 0 on success. */
export async function runStatus(path: string, options: { json?: boolean }): Promise<number> {
  keepYoungGenerationSmall();
  const checklist = await loadChecklist(path);
  const report = toJsonReport(assessChecklist(checklist));
  if (options.json) {
    // The JSON carries the warnings too, but a person reading a pipe's stderr should see them.
    for (const warning of checklist.source.warnings) process.stderr.write(`gonogo: warning: ${warning}\n`);
    // In pieces through one buffer: a large checklist's report is megabytes, and one string of it
    // costs far more memory.
    writeJsonBytes(report, stdoutBytes());
  } else {
    // The terminal view prints the warnings under its title: once is enough.
    process.stdout.write(renderStatusText(report, createStyle(colourWanted(process.stdout))));
  }
  return 0;
}
