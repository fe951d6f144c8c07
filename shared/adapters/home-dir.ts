/**
 * The user's home directory: HOME (always set where Claude Code runs), else the OS account's. node:os is
 * required only in that fallback — the statusline starts on every Claude Code update, and loading os
 * costs it a measurable part of its budget.
 */
import { createRequire } from 'node:module';

export function getHomeDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HOME) return env.HOME;
  const load = createRequire(__filename);
  return (load('node:os') as typeof import('node:os')).homedir();
}
