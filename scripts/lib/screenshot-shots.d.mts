import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface Shot {
  file: string;
  scenario: string;
  width: number;
  colorScheme: 'light' | 'dark';
  openLog?: boolean;
}
export declare const NARROW_PX: number;
export declare const WIDE_PX: number;
export declare const SHOTS: Shot[];
export declare const RENDER_TIMEOUT_MS: number;
export declare function openShot(
  browser: Browser,
  origin: string,
  shot: Shot,
  options?: { deviceScaleFactor?: number },
): Promise<{ context: BrowserContext; page: Page; problems: string[] }>;
