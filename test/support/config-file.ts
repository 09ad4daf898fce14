import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadChecklist } from "../../src/checklist/index.js";
import { loadConfig } from "../../src/config/index.js";
import { bindPlan, type Plan } from "../../src/engine/plan.js";

/** A checklist and its gonogo.yml written to a fresh temp folder, as a user keeps them. */
export function writeProject(
  checklist: string,
  config: string,
): { dir: string; checklistPath: string; configPath: string } {
  const dir = mkdtempSync(join(tmpdir(), "gonogo-project-"));
  const checklistPath = join(dir, "checklist.md");
  const configPath = join(dir, "gonogo.yml");
  writeFileSync(checklistPath, checklist);
  writeFileSync(configPath, config);
  return { dir, checklistPath, configPath };
}

export async function planFor(checklist: string, config: string, env: NodeJS.ProcessEnv = {}): Promise<Plan> {
  const project = writeProject(checklist, config);
  return bindPlan(await loadChecklist(project.checklistPath), await loadConfig(project.configPath, env));
}
