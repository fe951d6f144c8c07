export declare const CHROMIUM_CANDIDATES: Record<'linux' | 'darwin', string[]>;
export declare function findChromium(
  env?: Record<string, string | undefined>,
  platform?: string,
  exists?: (path: string) => boolean,
): string;
export declare const CHROMIUM_PATH: string;
export declare const CHROMIUM_ARGS: string[];
