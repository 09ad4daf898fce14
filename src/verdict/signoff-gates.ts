import type { Checklist, Section } from "../checklist/index.js";
import type { RawConfig } from "../config/index.js";
import { GonogoError } from "../core/errors.js";
import { findSections } from "../engine/match-items.js";
import type { Assessment, GateResult } from "./assessment.js";
import { sameRole } from "./signoffs.js";

/** `gates.signoffs` bound to sections; every name that fits no single section is a config error (exit 2). */
export function bindSignoffGates(
  checklist: Checklist,
  config: RawConfig,
  configPath: string,
): { name: string; section: Section; roles: string[] }[] {
  const problems: string[] = [];
  const gates = Object.entries(config.gates.signoffs ?? {}).flatMap(([name, roles]) => {
    const found = findSections(checklist, name);
    if (found.length === 1 && found[0]) return [{ name, section: found[0], roles }];
    problems.push(
      found.length > 1
        ? `gates.signoffs: "${name}" names several sections (${found.map((s) => s.id).join(", ")}); use the section id`
        : `gates.signoffs: no section "${name}" in ${checklist.source.path}`,
    );
    return [];
  });
  if (problems.length > 0)
    throw new GonogoError("config", `${configPath}: sign-off gates do not fit the checklist`, problems);
  return gates;
}

/** One gate per section in `gates.signoffs`: each role named needs a valid sign-off of that section. */
export function signoffGates(assessment: Assessment, config: RawConfig): GateResult[] {
  const signoffs = assessment.signoffs ?? [];
  return Object.entries(config.gates.signoffs ?? {}).map(([name, roles]): GateResult => {
    const [section, ...others] = findSections(assessment.checklist, name);
    const gateName = `sign-off "${section?.title ?? name}"`;
    const required = roles.join(", ");
    if (!section || others.length > 0)
      return {
        name: gateName,
        ok: false,
        actual: "no such section",
        required,
        reason: `no section "${name}"`,
      };
    const missing: string[] = [];
    const actual = roles.map((role) => {
      const ofRole = signoffs.filter((s) => s.sectionId === section.id && sameRole(s.role, role));
      const valid = ofRole.filter((s) => s.valid).at(-1);
      if (valid) return `${role}: ${valid.by}`;
      const voided = ofRole.at(-1);
      missing.push(voided ? `${role}: sign-off by ${voided.by} is ${voided.reason}` : `${role}: none`);
      return `${role}: ${voided ? "void" : "missing"}`;
    });
    return {
      name: gateName,
      ok: missing.length === 0,
      actual: actual.join("; "),
      required,
      reason: missing.length === 0 ? "met" : missing.join("; "),
    };
  });
}
