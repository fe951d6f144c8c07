/**
 * Where this quota-broker is installed, as far as commands that write its path into files outliving the
 * run care (`statusline --install`, `service install`; README "Install"): a global npm install keeps its
 * path across upgrades, npx's cache does not.
 */

/**
 * A warning for a bin inside npx's cache (`…/_npx/<hash>/node_modules/…`), which npm may clear or
 * replace; null for any other install.
 */
export function getTransientInstallWarning(binPath: string): string | null {
  if (!/[\\/]_npx[\\/]/.test(binPath)) return null;
  return (
    `This quota-broker runs from npx's cache (${binPath}), which npm may clear: ` +
    'install it with "npm install -g quota-broker" and run this again so the command keeps working.'
  );
}
