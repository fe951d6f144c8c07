/**
 * The user's home directory: HOME (always set where Claude Code runs), else the OS account's. node:os is
 * loaded only in that fallback — the statusline starts on every Claude Code update and imports as little
 * as it can. (`process.getBuiltinModule` exists from Node 20.16; engines says >=20, so older 20.x import.)
 */
export function getHomeDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HOME) return env.HOME;
  const os = process.getBuiltinModule?.('node:os');
  if (os) return os.homedir();
  throw new Error('HOME is not set; set HOME to your home directory.');
}
