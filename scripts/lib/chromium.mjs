// Debian's Chromium, the one browser the project uses (tests, screenshots, icons, benchmarks): never
// downloaded. The flags keep a headless run quiet inside containers with no network but the registries.
export const CHROMIUM_PATH = process.env.CHROMIUM || '/usr/bin/chromium';

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
