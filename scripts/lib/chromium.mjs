// The one browser the project uses (tests, screenshots, icons, benchmarks): never downloaded.
// Linux: Debian's Chromium. macOS: Google Chrome or Chromium from their standard install paths.
// `CHROMIUM=/path/to/chrome` overrides both. The flags keep a headless run quiet inside containers
// with no network but the registries.
import { existsSync } from 'node:fs';

/** Where a browser is looked for, in order, on each platform (after `$CHROMIUM`). */
export const CHROMIUM_CANDIDATES = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    `${process.env.HOME ?? ''}/Applications/Google Chrome.app/Contents/MacOS/Google Chrome`,
    `${process.env.HOME ?? ''}/Applications/Chromium.app/Contents/MacOS/Chromium`,
  ],
};

/**
 * The browser to drive: `$CHROMIUM` when set (even if missing, so a wrong value is reported, not
 * ignored), else the first candidate that exists, else the platform's first candidate.
 */
export function findChromium(env = process.env, platform = process.platform, exists = existsSync) {
  if (env.CHROMIUM) return env.CHROMIUM;
  const candidates = CHROMIUM_CANDIDATES[platform] ?? CHROMIUM_CANDIDATES.linux;
  return candidates.find((path) => exists(path)) ?? candidates[0];
}

export const CHROMIUM_PATH = findChromium();

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
