/**
 * axe-core in the page (Debian's Chromium through playwright-core): WCAG 2.x A/AA rules plus axe's best
 * practices. The script goes in through the DevTools protocol, so the page's strict CSP stays as it is.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** Each offending element (its selector) with axe's summary of what to fix. */
  nodes: string[];
}

/** Every violation on the page as it is now. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const options = { runOnly: { type: 'tag', values: TAGS }, resultTypes: ['violations'] };
  // A string runs in the page as is (the test's own tsconfig has no DOM types).
  return page.evaluate(`axe.run(document, ${JSON.stringify(options)}).then((results) =>
    results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + (n.failureSummary || '')),
    })))`);
}

/** The violations a person relying on assistive technology is blocked or badly hindered by. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  return (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
