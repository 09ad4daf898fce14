import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium: the tests drive it and never download a browser. */
export const CHROMIUM = process.env.GONOGO_CHROMIUM ?? "/usr/bin/chromium";

/** Headless, sandbox off (containers), and nothing that reaches out to Google on its own. */
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Launches Debian's Chromium through playwright-core; fails with a clear message when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is not installed (apt-get install chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}
