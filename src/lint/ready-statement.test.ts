import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseText } from "../../test/support/checklist-bytes.js";
import { lintChecklist } from "./index.js";
import { readyInSentences, statesReady } from "./ready-statement.js";

describe("statesReady: a statement that this work is ready, not the word", () => {
  it.each([
    "✅ IMPLEMENTATION COMPLETE - READY FOR DEPLOYMENT",
    "Status: READY FOR PRODUCTION",
    "We are ready to launch.",
    "The ledger service is production-ready.",
    "It's now fully production ready and tested!",
    "**Launch status:** ready for production traffic",
    "All checks done. READY FOR ROLLOUT",
    "TOTAL: 100/100 - READY FOR HANDOFF",
  ])("claims: %s", (line) => {
    expect(statesReady(line)).toBe(true);
  });

  it.each([
    // a future, a modal, a purpose
    "This checklist will prepare you to launch production-ready clusters.",
    "This checklist ensures that the pipeline is ready for production deployment.",
    "The service should be ready for launch by Friday.",
    "Use this list to get production ready.",
    // a condition, a question, an instruction, a negation
    "Ready for production when every box is ticked.",
    "We are ready to launch once the soak test passes.",
    "Is the service ready for launch?",
    "Make sure the database is ready for production.",
    "The service isn't ready for launch yet.",
    // a noun phrase, an address, a file name
    "Read Production-Ready Microservices before the review.",
    "COMPLETE THIS LIST BEFORE EVERY RELEASE",
    "Guide: https://example.com/production-ready/checklist",
    "Notes in ./docs/LAUNCH-READY.md",
  ])("does not claim: %s", (line) => {
    expect(statesReady(line)).toBe(false);
  });

  it("reads a heading as a title unless a mark, a label, shouting or a verb makes it a statement", () => {
    expect(statesReady("Ready for Production", { heading: true })).toBe(false);
    expect(statesReady("Production-Ready Services Checklist", { heading: true })).toBe(false);
    expect(statesReady("Status: ready for production", { heading: true })).toBe(true);
    expect(statesReady("READY FOR LAUNCH", { heading: true })).toBe(true);
    expect(statesReady("The API is ready to ship", { heading: true })).toBe(true);
  });
});

describe("statesReady's quick test for a ready word", () => {
  it("answers as the full reading does, for any line made of the words the rules look for", () => {
    const word = fc.constantFrom(
      "ready",
      "READY",
      "Ready",
      "complete",
      "COMPLETE",
      "COMPLETED",
      "done",
      "DONE",
      "is",
      "we're",
      "it's",
      "for",
      "to",
      "production",
      "launch",
      "deploy",
      "-",
      "production-ready",
      "not",
      "will",
      "once",
      "Status:",
      "clusters",
      "https://x.example/ready",
      "./READY.md",
      ".",
      "!",
      "?",
      "✅",
      "and",
    );
    const line = fc.array(word, { maxLength: 12 }).map((words) => words.join(" "));
    fc.assert(
      fc.property(line, fc.boolean(), (text, heading) => {
        expect(statesReady(text, { heading })).toBe(readyInSentences(text, { heading }));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("ready-claim on documents", () => {
  const claims = (md: string) =>
    lintChecklist(parseText(md))
      .filter((f) => f.rule === "ready-claim")
      .map((f) => f.line);

  it("does not flag a sentence about the future, a link's text or a title heading", () => {
    const doc = [
      "# Production-Ready Clusters",
      "",
      "This checklist will prepare you to launch production-ready clusters.",
      "See [Production-Ready Microservices](https://example.com/production-ready-microservices) and <https://example.com/READY>.",
      "",
      "## Ready for Production",
      "- [ ] Nodes spread over three zones",
      "- [x] Backups restore",
      "",
    ].join("\n");
    expect(claims(doc)).toEqual([]);
  });

  it("flags a claim next to a link, a shortcode-✅ heading, and a predicate, while items are open", () => {
    const doc = [
      "# Launch",
      "",
      "See the [runbook](runbook.md). We are now fully production ready!",
      "",
      "## :white_check_mark: Data Safety",
      "- [ ] Restore drill done",
      "",
      "## Verdict",
      "",
      "The ledger service is ready for launch.",
      "",
    ].join("\n");
    expect(claims(doc)).toEqual([3, 5, 10]);
  });
});
