import { describe, expect, it } from "vitest";
import { repairMojibake } from "./mojibake.js";

describe("repairMojibake", () => {
  it.each([
    ["Final Go-Live Validation âœ…", "Final Go-Live Validation ✅"],
    ["hit rate â‰¥0.90", "hit rate ≥0.90"],
    ["policies:âˆž", "policies:∞"],
    ["shadowâ†’10%", "shadow→10%"],
    ["ðŸš€ READY", "🚀 READY"],
    ["Security \uF8FFüîí", "Security 🔒"],
    ["Infrastructure ‚úÖ", "Infrastructure ✅"],
  ])("%s", (damaged, repaired) => {
    expect(repairMojibake(damaged)).toBe(repaired);
  });

  it("leaves correct text alone", () => {
    for (const text of ["café ≥ 90% ✅ 🚀", "naïve résumé", "plain ascii", "Ledger Sync — Launch"]) {
      expect(repairMojibake(text)).toBe(text);
    }
  });
});
