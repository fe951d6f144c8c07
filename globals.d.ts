/** Replaced at build time by esbuild (scripts/build.mjs); vitest defines it too. */
declare const __APP_VERSION__: string;
