import { describe, expect, it } from "vitest";
import { parseBytes } from "../../test/support/checklist-bytes.js";
import { fillSignoffSlots } from "./fill-signoff-slots.js";
import type { SignoffState } from "./signoffs.js";

const signoff = (over: Partial<SignoffState>): SignoffState => ({
  id: 1,
  section: "Security",
  sectionId: "launch/security",
  by: "Ana Díaz",
  role: "Security Lead",
  at: "2026-11-22T10:00:00.000Z",
  run: 3,
  valid: true,
  reason: "approves run #3",
  ...over,
});

function fill(text: string, signoffs: SignoffState[]) {
  const bytes = new TextEncoder().encode(text);
  const out = fillSignoffSlots(parseBytes(bytes), bytes, signoffs);
  return { text: new TextDecoder().decode(out.bytes), filled: out.filled };
}

describe("fillSignoffSlots", () => {
  it("fills the blanks of a section's slot, byte for byte, and nothing else (CRLF, non-ASCII kept)", () => {
    const doc =
      "# Launch\r\n\r\n## Security 🔒\r\n- [x] TLS\r\n\r\n**Sign-off:** ____ Date: ____\r\n\r\n## Ops\r\n- [ ] Runbook\r\n";
    const { text, filled } = fill(doc, [signoff({ sectionId: "launch/security" })]);
    expect(filled).toBe(1);
    expect(text).toBe(doc.replace("____ Date: ____", "Ana Díaz (Security Lead) Date: 2026-11-22"));
  });

  it("leaves void sign-offs, other sections and filled slots alone", () => {
    const doc = "# Launch\n\n## Security\n- [x] TLS\n\n**Sign-off:** ____ Date: ____\n";
    expect(fill(doc, [signoff({ valid: false })]).filled).toBe(0);
    expect(fill(doc, [signoff({ sectionId: "launch/ops" })]).filled).toBe(0);
    const signed = "# Launch\n\n## Security\n- [x] TLS\n\n**Sign-off:** Bo Li Date: 2026-01-01\n";
    expect(fill(signed, [signoff({})]).text).toBe(signed);
  });

  it("a slot naming a role takes that role's sign-off; Markdown in a name is escaped", () => {
    const doc = "# Launch\n\n## Security\n- [x] TLS\n\n- Security Lead: ____\n- Engineering Lead: ____\n";
    const { text } = fill(doc, [signoff({ sectionId: "launch/security", by: "ana_d" })]);
    expect(text).toContain("- Security Lead: ana\\_d Date: 2026-11-22\n- Engineering Lead: ____\n");
  });
});
