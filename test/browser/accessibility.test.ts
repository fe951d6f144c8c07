/**
 * Accessibility of the UI in every screenshot state (scripts/lib/screenshot-shots.mjs: 420 px and
 * 1440 px, light and dark; ok, rate-limited, dead, all inactive, pace running out, the log panel): axe-core
 * finds no serious or critical violation. The demo build (the real UI on an in-memory host) serves them.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemo, DEMO_DIR, serveDir } from '../../scripts/bench/dashboard.mjs';
import { openShot, SHOTS } from '../../scripts/lib/screenshot-shots.mjs';
import { seriousViolations } from './support/axe';
import { launchChromium } from './support/chromium';

let browser: Browser;
let server: { origin: string; close(): Promise<unknown> };

beforeAll(async () => {
  await buildDemo();
  server = await serveDir(DEMO_DIR);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('axe-core on the dashboard', () => {
  it.each(SHOTS.map((shot) => [shot.file, shot] as const))(
    '%s: no serious or critical violation',
    async (_file, shot) => {
      const { context, page, problems } = await openShot(browser, server.origin, shot);
      try {
        expect(await seriousViolations(page)).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});

describe('the axe-core check itself', () => {
  it('finds what it must: a button without a name and grey-on-grey text planted in the page', async () => {
    const shot = SHOTS.find((s) => s.scenario === 'ok') ?? SHOTS[0];
    const { context, page } = await openShot(browser, server.origin, shot);
    try {
      expect(await seriousViolations(page)).toEqual([]);
      await page.evaluate(`(() => {
        const card = document.querySelector('li[data-slot]');
        card.append(document.createElement('button'));
        const faint = document.createElement('p');
        faint.textContent = 'barely there';
        faint.style.color = '#c8c8c8';
        faint.style.background = '#ffffff';
        card.append(faint);
      })()`);
      const ids = (await seriousViolations(page)).map((v) => v.id).sort();
      expect(ids).toEqual(['button-name', 'color-contrast']);
    } finally {
      await context.close();
    }
  });
});
