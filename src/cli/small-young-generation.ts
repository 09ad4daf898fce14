import v8 from "node:v8";

/**
 * Keeps V8's young generation at its starting size for the rest of the process.
 *
 * Why: `status` builds the whole checklist at once, and nearly everything it allocates stays alive
 * until the walk over markdown-it's tokens ends. V8 answers that by doubling the young generation
 * up to its maximum, which on 20,000 items touched some 60 MB of fresh memory. On this project's
 * machines a fresh page costs more than the collections a small young generation needs: page
 * faults fell from 40,000 to 24,000 and user + system time by a tenth (docs/benchmarks.md).
 * The size it keeps is whatever start-up left: loading gonogo's and markdown-it's modules grows
 * the new space to 8 MB (Node 24), and 8 MB is what makes a 20,000-item checklist fast. Loading
 * fewer modules (a bundle, or markdown-it's one-file CommonJS build) leaves 4 MB, and `long` then
 * takes a tenth longer; never freezing is slower still (docs/benchmarks.md, fifth and seventh
 * rounds). So a change to what `status` loads before this call is measured on the bench's shapes.
 * Only for commands that read documents and exit; a long run of checks (load generation) keeps
 * V8's defaults. The flag is read whenever V8 considers growing, so setting it at run time works;
 * where a future V8 ignored it, nothing but speed would change.
 */
export function keepYoungGenerationSmall(): void {
  v8.setFlagsFromString("--semi-space-growth-factor=1");
}
