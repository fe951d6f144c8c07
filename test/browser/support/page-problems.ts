/** Collects what a user would call a broken page: console errors and uncaught exceptions. */
import type { Page } from 'playwright-core';

export interface PageProblems {
  list: string[];
}

export function watchPageProblems(page: Page): PageProblems {
  const problems: PageProblems = { list: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.list.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.list.push(`pageerror: ${error.message}`));
  return problems;
}
