// The files the runner reads back after a step: outputs ($GITHUB_OUTPUT) and the job summary
// ($GITHUB_STEP_SUMMARY). Both are appended to, as @actions/core does.
import { randomUUID } from "node:crypto";
import { appendFileSync } from "node:fs";

/**
 * Appends `name<<DELIMITER` … `DELIMITER` entries, so a value with a newline cannot forge another output.
 * @param {string | undefined} file
 * @param {Record<string, string>} outputs
 */
export function setOutputs(file, outputs) {
  if (!file) return;
  let text = "";
  for (const [name, value] of Object.entries(outputs)) {
    const delimiter = `ghadelimiter_${randomUUID()}`;
    text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  appendFileSync(file, text);
}

/** @param {string | undefined} file @param {string} markdown */
export function appendSummary(file, markdown) {
  if (!file) return;
  appendFileSync(file, markdown.endsWith("\n") ? markdown : `${markdown}\n`);
}

/** A workflow command's message: %, CR and LF escaped (the rules of @actions/core). */
export function escapeData(/** @type {string} */ text) {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}
