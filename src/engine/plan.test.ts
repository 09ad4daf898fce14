import { describe, expect, it } from "vitest";
import { planFor } from "../../test/support/config-file.js";
import { GonogoError } from "../core/errors.js";

const CHECKLIST = `# Launch
## 2. Security 🔒
- [x] No secrets exposed in \`/api/config\`
- [ ] TLS certificate valid for 14 days
## Operations
- [ ] On-call rotation staffed
- [ ] Kubernetes manifests (if using K8s)
`;

describe("bindPlan", () => {
  it("binds by plain text (Markdown marks and case ignored), id or /regex/; resolves gates and waivers", async () => {
    const plan = await planFor(
      CHECKLIST,
      `version: 1
checks:
  secrets:
    item: "no secrets exposed in \`/api/config\`"
    command: { run: "true" }
    expect: [ "exit_code == 0" ]
  tls:
    item: [ "/TLS certificate/", "launch/operations/on-call-rotation-staffed" ]
    command: { run: "true" }
    expect: [ "exit_code == 0" ]
waivers:
  - { item: "/if using K8s/", reason: "runs on VMs", by: "ops lead", until: 2000-01-01 }
gates: { sections: { "Security": 100% }, critical: [ "No secrets exposed in /api/config" ] }
`,
      {},
    );
    expect(plan.checks.map((c) => [c.id, c.itemIds])).toEqual([
      ["secrets", ["launch/2-security/no-secrets-exposed-in-api-config"]],
      [
        "tls",
        ["launch/2-security/tls-certificate-valid-for-14-days", "launch/operations/on-call-rotation-staffed"],
      ],
    ]);
    expect(plan.sectionGates.map((g) => [g.name, g.section.title, g.requiredPct])).toEqual([
      ["Security", "2. Security 🔒", 100],
    ]);
    expect([...plan.critical]).toEqual(["launch/2-security/no-secrets-exposed-in-api-config"]);
    expect(plan.waivers.get("launch/operations/kubernetes-manifests-if-using-k8s")).toMatchObject({
      expired: true,
    });
  });

  it("refuses a binding that matches nothing, naming the check and the closest items", async () => {
    const error = await planFor(
      CHECKLIST,
      `version: 1
checks:
  oncall:
    item: "On-call rotation staffed for launch"
    command: { run: "true" }
    expect: [ "exit_code == 0" ]
gates: { sections: { "Securty": 90% } }
`,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GonogoError);
    const [binding, section] = (error as GonogoError).details;
    expect(binding).toMatch(
      /gonogo\.yml:4:11 checks\.oncall\.item: "On-call rotation staffed for launch" matches no item in .*checklist\.md; closest: "On-call rotation staffed" \(line 6\)/,
    );
    expect(section).toMatch(
      /gates\.sections: no section "Securty" in .*checklist\.md \(sections: "Launch", "2\. Security 🔒", "Operations"\)/,
    );
  });

  it("reads an item text that starts with a path as text, not as a regex", async () => {
    const plan = await planFor(
      "# API\n- [ ] /api/v1/ims\n- [ ] /api/v2/ims other\n",
      'version: 1\nchecks:\n  c:\n    item: "/api/v1/ims"\n    command: { run: "true" }\n    expect: [ "exit_code == 0" ]\n',
    );
    expect(plan.checks[0]?.itemIds).toEqual(["api/api-v1-ims"]);
  });

  it("refuses a section gate that names several sections at the same depth", async () => {
    const error = await planFor(
      "# L\n## Backend\n### Security\n- [x] a\n## Frontend\n### Security\n- [ ] b\n",
      "version: 1\ngates: { sections: { Security: 100% } }\n",
    ).catch((e: unknown) => e);
    expect((error as GonogoError).details[0]).toContain(
      '"Security" names several sections (l/backend/security, l/frontend/security); use the section id',
    );
  });

  it("binds an item once when two specs name it", async () => {
    const plan = await planFor(
      "# L\n- [ ] alpha\n",
      'version: 1\nchecks:\n  a:\n    item: ["alpha", "/^alpha$/", "l/alpha"]\n    command: { run: "true" }\n    expect: [ "exit_code == 0" ]\n',
    );
    expect(plan.checks[0]?.itemIds).toEqual(["l/alpha"]);
  });
});
