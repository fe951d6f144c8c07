import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

/**
 * The dev server's React Refresh preamble is an inline script, which the page's strict CSP forbids.
 * Drop the CSP meta tag only while serving; built pages keep it.
 */
function relaxCspInDev(): Plugin {
  return {
    name: 'quota-broker:relax-csp-in-dev',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i, ''),
  };
}

/**
 * `vite build` → dist/renderer/ (the app, loaded by Electron and served by `quota-broker serve`).
 * `vite build --mode demo` → dist/renderer-demo/: the same UI on an in-memory demo host, for screenshots.
 */
export default defineConfig(({ mode }) => ({
  root,
  // Relative asset URLs: Electron loads the build from file://, the dashboard from any path.
  base: './',
  plugins: [react(), relaxCspInDev()],
  build: {
    outDir: fileURLToPath(
      new URL(mode === 'demo' ? './dist/renderer-demo' : './dist/renderer', import.meta.url),
    ),
    emptyOutDir: true,
    target: 'chrome120',
    // No inline data: URLs for assets; keeps everything under script-src/img-src 'self'.
    assetsInlineLimit: 0,
    rolldownOptions: { input: `${root}/${mode === 'demo' ? 'demo' : 'index'}.html` },
  },
}));
