import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonReport } from "../../src/model/report.js";
import { writeProject } from "../support/config-file.js";
import { runCli, stdoutReport } from "../support/run-cli.js";
import { CLI_STORE_BACKENDS, type FreshStore } from "../support/store-backends.js";

const CHECKLIST = `# Launch

## Security
- [x] TLS certificate valid
- [ ] Pen test report reviewed

**Sign-off:** ____ Date: ____

## Operations
- [ ] Runbook reviewed by on-call
- [ ] K8s probes set (if using K8s)

**Sign-off:** ____ Date: ____
`;

const CONFIG = `version: 1
checks:
  tls:
    item: "TLS certificate valid"
    file: { path: cert.pem }
    expect: [ "exists == true" ]
manual:
  - "Pen test report reviewed"
  - "Runbook reviewed by on-call"
gates:
  overall: 50%
  signoffs: { "Security": ["Security Lead"] }
`;

async function verifyJson(checklist: string, store: string, ...extra: string[]) {
  const run = await runCli(["verify", checklist, "--format", "json", "--store", store, ...extra]);
  expect(run.stdout, run.stderr).not.toBe("");
  return { ...run, report: stdoutReport(run) };
}

/** Ana Diaz signs off the Security section as Security Lead. */
const signOffSecurity = (checklist: string, store: string) =>
  runCli(["signoff", checklist, "Security", "--by", "Ana Diaz", "--role", "Security Lead", "--store", store]);

const gate = (report: JsonReport, name: string) => report.gates?.find((g) => g.name === name);
const status = (report: JsonReport, text: string) => report.items.find((i) => i.text === text)?.status;

for (const backend of CLI_STORE_BACKENDS) {
  describe(`attestations, waivers and sign-offs on ${backend.name}`, () => {
    let store: FreshStore;
    beforeAll(async () => {
      store = await backend.create();
    });
    afterAll(async () => {
      await store?.drop();
    }, 90_000);

    it("verify -> signoff -> a regression voids the sign-off and the gate that required it fails", async () => {
      const project = writeProject(CHECKLIST, CONFIG);
      const s = store.location;
      writeFileSync(join(project.dir, "cert.pem"), "cert");

      const before = await verifyJson(project.checklistPath, s);
      expect(gate(before.report, 'sign-off "Security"')).toMatchObject({
        ok: false,
        actual: "Security Lead: missing",
      });
      expect(before.report.verdict).toBe("NO-GO");

      const evidence = join(project.dir, "pentest.pdf");
      writeFileSync(evidence, "%PDF report");
      const attest = await runCli([
        "attest",
        project.checklistPath,
        "Pen test report reviewed",
        "--by",
        "ana",
        "--evidence",
        evidence,
        "--store",
        s,
      ]);
      expect(attest.code, attest.stderr).toBe(0);
      expect(attest.stdout).toMatch(/evidence sha256:[0-9a-f]{64}/);
      await verifyJson(project.checklistPath, s);

      const signoff = await signOffSecurity(project.checklistPath, s);
      expect(signoff.code, signoff.stderr).toBe(0);
      expect(signoff.stdout).toContain(
        'signed off "Security" as Security Lead by Ana Diaz: run #2 (1 pass, 1 attested',
      );

      const go = await verifyJson(project.checklistPath, s);
      expect(go.report.verdict).toBe("GO");
      expect(go.report.signoffs).toMatchObject([
        { section: "Security", by: "Ana Diaz", role: "Security Lead", valid: true, run: 2 },
      ]);
      expect(status(go.report, "Pen test report reviewed")).toBe("attested");

      // --write fills the Security slot from the valid sign-off, and changes nothing else.
      const original = readFileSync(project.checklistPath, "utf8");
      const written = await runCli(["verify", project.checklistPath, "--write", "--store", s]);
      expect(written.stderr).toContain("1 sign-off slot filled");
      const date = go.report.signoffs?.[0]?.at.slice(0, 10);
      expect(readFileSync(project.checklistPath, "utf8")).toBe(
        original.replace(
          "**Sign-off:** ____ Date: ____",
          `**Sign-off:** Ana Diaz (Security Lead) Date: ${date}`,
        ),
      );

      rmSync(join(project.dir, "cert.pem"));
      const broken = await verifyJson(project.checklistPath, s);
      expect(broken.report.verdict).toBe("NO-GO");
      const [voided] = broken.report.signoffs ?? [];
      expect(voided).toMatchObject({ valid: false, by: "Ana Diaz" });
      expect(voided?.reason).toContain('"TLS certificate valid" pass → fail');
      expect(gate(broken.report, 'sign-off "Security"')).toMatchObject({
        ok: false,
        actual: "Security Lead: void",
      });
      expect(broken.stderr).toContain('sign-off of "Security" by Ana Diaz (Security Lead) is void');
      expect(broken.stderr).toContain('1 regressed: "TLS certificate valid" pass → fail');

      // Void for good: the item recovering does not bring the approval back; a new sign-off does.
      writeFileSync(join(project.dir, "cert.pem"), "cert");
      const recovered = await verifyJson(project.checklistPath, s);
      expect(gate(recovered.report, 'sign-off "Security"')?.ok).toBe(false);

      const audit = await runCli(["audit", "--json", "--store", s]);
      const actions = (JSON.parse(audit.stdout) as { action: string; actor: string }[]).map(
        (e) => `${e.action}:${e.actor}`,
      );
      expect(actions).toEqual(expect.arrayContaining(["attest:ana", "signoff:Ana Diaz"]));
      expect(actions.filter((a) => a.startsWith("migrate:"))).toHaveLength(backend.migrations.length);
      expect(actions.filter((a) => a.startsWith("signoff-void:"))).toHaveLength(1);
    }, 90_000);

    it("an attestation with --expires 1s shows as expired on the next run; a waiver makes an item waived", async () => {
      const project = writeProject(CHECKLIST, CONFIG);
      const s = store.location;
      const attest = await runCli([
        "attest",
        project.checklistPath,
        "/^Runbook/",
        "--by",
        "bo",
        "--expires",
        "1s",
        "--evidence",
        "https://wiki.example/runbook",
        "--store",
        s,
      ]);
      expect(attest.code, attest.stderr).toBe(0);
      const waive = await runCli([
        "waive",
        project.checklistPath,
        "K8s probes set (if using K8s)",
        "--reason",
        "runs on VMs",
        "--by",
        "ops lead",
        "--until",
        "2099-12-31",
        "--store",
        s,
      ]);
      expect(waive.code, waive.stderr).toBe(0);
      await sleep(1200);
      const run = await verifyJson(project.checklistPath, s);
      expect(status(run.report, "Runbook reviewed by on-call")).toBe("open");
      expect(status(run.report, "K8s probes set (if using K8s)")).toBe("waived");
      expect(run.report.attestations).toMatchObject([
        { by: "bo", valid: false, evidence: "https://wiki.example/runbook" },
      ]);
      expect(run.report.attestations?.[0]?.reason).toMatch(/^expired /);
      expect(run.stderr).toMatch(
        /attestation of "Runbook reviewed by on-call" by bo expired .*: not attested/,
      );
      // The text report says it too, on the item's own line.
      const text = await runCli(["verify", project.checklistPath, "--store", s]);
      expect(text.stdout).toMatch(/○ open\s+Runbook reviewed by on-call — attestation by bo: expired /);

      const waiveK8sUntil = (until: string) =>
        runCli([
          "waive",
          project.checklistPath,
          "/K8s/",
          "--reason",
          "x",
          "--by",
          "y",
          "--until",
          until,
          "--store",
          s,
        ]);
      const badDate = await waiveK8sUntil("2027-02-30");
      expect(badDate.code).toBe(2);
      expect(badDate.stderr).toContain("--until: not a real date");
      const pastDate = await waiveK8sUntil("2020-01-01");
      expect(pastDate.code).toBe(2);
      expect(pastDate.stderr).toContain("--until 2020-01-01: that date has passed");
      // A waiver in gonogo.yml past its date is said to have expired (a recorded waiver may still hold).
      writeFileSync(
        project.configPath,
        `${CONFIG}waivers:\n  - { item: "/K8s/", reason: "VMs", by: "ops", until: 2020-01-01 }\n`,
      );
      const lapsed = await verifyJson(project.checklistPath, s);
      expect(lapsed.stderr).toContain(
        'waiver of "K8s probes set (if using K8s)" in ' +
          project.configPath +
          " expired 2020-01-01: it no longer waives the item",
      );
      const noItem = await runCli([
        "attest",
        project.checklistPath,
        "Runbok reviewd",
        "--by",
        "x",
        "--store",
        s,
      ]);
      expect(noItem.code).toBe(2);
      expect(noItem.stderr).toContain("closest:");
    }, 90_000);

    it("a sign-off approves the section's items as they were: an item added or removed voids it", async () => {
      const project = writeProject(CHECKLIST, CONFIG);
      const s = store.location;
      writeFileSync(join(project.dir, "cert.pem"), "cert");
      const signOff = async () => {
        const run = await signOffSecurity(project.checklistPath, s);
        expect(run.code, run.stderr).toBe(0);
      };
      await verifyJson(project.checklistPath, s);
      await signOff();
      const valid = await verifyJson(project.checklistPath, s);
      expect(valid.report.signoffs).toMatchObject([{ valid: true }]);

      // An item added since, even one that passes, is one the approver never saw.
      const added = CHECKLIST.replace(
        "- [x] TLS certificate valid\n",
        "- [x] TLS certificate valid\n- [x] HSTS header set\n",
      );
      writeFileSync(project.checklistPath, added);
      const addedConfig = CONFIG.replace(
        "manual:",
        '  hsts:\n    item: "HSTS header set"\n    file: { path: cert.pem }\n    expect: [ "exists == true" ]\nmanual:',
      );
      writeFileSync(project.configPath, addedConfig);
      const afterAdd = await verifyJson(project.checklistPath, s);
      expect(status(afterAdd.report, "HSTS header set")).toBe("pass");
      const [voidAdded] = afterAdd.report.signoffs ?? [];
      expect(voidAdded).toMatchObject({ valid: false });
      expect(voidAdded?.reason).toBe('void: item added since the sign-off: "HSTS header set"');
      expect(gate(afterAdd.report, 'sign-off "Security"')).toMatchObject({
        ok: false,
        actual: "Security Lead: void",
      });
      expect(afterAdd.stderr).toContain("is void: item added since the sign-off");

      // Signed again over the new section; then an item removed voids that one.
      await signOff();
      const resigned = await verifyJson(project.checklistPath, s);
      expect(resigned.report.signoffs?.map((x) => x.valid)).toEqual([false, true]);
      writeFileSync(project.checklistPath, added.replace("- [ ] Pen test report reviewed\n", ""));
      writeFileSync(project.configPath, addedConfig.replace('  - "Pen test report reviewed"\n', ""));
      const afterRemove = await verifyJson(project.checklistPath, s);
      const removedState = afterRemove.report.signoffs?.[1];
      expect(removedState).toMatchObject({ valid: false });
      expect(removedState?.reason).toMatch(
        /^void: item removed since the sign-off: ".*pen-test-report-reviewed"$/,
      );

      const audit = await runCli(["audit", "--json", "--store", s]);
      const voids = (JSON.parse(audit.stdout) as { action: string; detail: { reason?: string } }[]).filter(
        (e) => e.action === "signoff-void" && /since the sign-off/.test(e.detail.reason ?? ""),
      );
      expect(voids).toHaveLength(2);
    }, 90_000);

    it("a gate naming a section the checklist does not have is a config error (exit 2)", async () => {
      const project = writeProject(CHECKLIST, CONFIG.replace('"Security"', '"Compliance"'));
      const run = await runCli(["verify", project.checklistPath, "--store", store.location]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('gates.signoffs: no section "Compliance"');
    });
  });
}
