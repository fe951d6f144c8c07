/** Debian's Chromium driven by playwright-core; a missing browser fails the suite with the fix, never skips. */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/lib/chromium.mjs';

export { CHROMIUM_ARGS, CHROMIUM_PATH };

/** Launches Chromium, or throws a message that says how to get it (no browser download, ever). */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}: the browser suite needs Debian's Chromium (apt-get install chromium). It is never downloaded.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
