/** `quota-broker relogin <slot>` (docs/contracts.md "Re-login") from the terminal. */
import { createInterface } from 'node:readline';
import { type LoginHandle, type LoginResult, startLogin } from '../../adapters/claude/auth-login';
import { readCredentials } from '../../adapters/credentials/credentials';
import { RELOGIN_TIMEOUT_MS } from '../../domain/timing';
import { refreshOnce } from '../../engine/broker';
import { findReloginTarget, listReloginSlots } from '../../host/relogin-target';
import { CliError, unknownSlotError } from '../cli-error';
import type { CliContext } from '../context';
import { getColours, shouldColour } from '../format';
import { describeSlotAfter } from './relogin-report';

/** Exit code after Ctrl-C, as shells report SIGINT. */
export const EXIT_CANCELLED = 130;

export const RELOGIN_HELP = `Usage: quota-broker relogin <slot> [--email ADDRESS] [--timeout SECONDS]

Logs a slot's account in again. Runs
  claude auth login --claudeai --email <email>
with the slot's CLAUDE_CONFIG_DIR (unset for the default account ~/.claude) and
without CLAUDE_CODE_OAUTH_TOKEN, ANTHROPIC_API_KEY and CLAUDE_SECURESTORAGE_CONFIG_DIR.
Your browser opens; the sign-in URL is printed as well. Once Claude Code reports
success, the new login is read back and one refresh cycle runs for the slot, so the
cache and the registry show it active again.

  --email     the account's e-mail (default: the registry, else Claude Code's files)
  --timeout   give up after this many seconds (default 300)

Ctrl-C cancels. Exit 0 when the slot is back in service, 1 when the login or the
refresh failed, ${EXIT_CANCELLED} when cancelled.`;

/** Waits for the login, cancelling it on Ctrl-C / SIGTERM and passing typed codes to Claude Code. */
async function waitForLogin(handle: LoginHandle): Promise<LoginResult> {
  const cancel = () => handle.cancel();
  process.on('SIGINT', cancel);
  process.on('SIGTERM', cancel);
  // On a terminal, a code pasted from the browser page answers Claude Code's "Paste code here" prompt.
  const input = process.stdin.isTTY ? createInterface({ input: process.stdin }) : null;
  input?.on('line', (line) => line.trim() && handle.sendCode(line));
  try {
    return await handle.promise;
  } finally {
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
    input?.close();
    if (input) process.stdin.pause();
  }
}

/** Runs the re-login for one slot and reports it back in service. */
export async function reloginCommand(
  ctx: CliContext,
  id: string,
  flags: { email?: string; timeout?: string },
): Promise<number> {
  // Checked by the command table (a positive decimal number of seconds).
  const timeoutMs = flags.timeout === undefined ? RELOGIN_TIMEOUT_MS : Number(flags.timeout) * 1000;
  const { paths, store, claudeBin } = ctx.deps;
  const c = getColours(shouldColour(ctx.stdout, ctx.deps.env));
  const found = await findReloginTarget(paths, id);
  if (!found) {
    throw unknownSlotError(id, await listReloginSlots(paths));
  }
  const { slot, target } = found;
  const email = flags.email ?? found.email;
  if (!email) {
    throw new CliError(
      `Slot ${slot.id} has no e-mail in the registry or in Claude Code's files. Run: quota-broker relogin ${slot.id} --email <address>`,
    );
  }
  if (!claudeBin) {
    throw new CliError(
      "Claude Code's CLI (claude) was not found on PATH. Install Claude Code, or set QUOTA_BROKER_CLAUDE to its path.",
    );
  }
  const { configDir } = found;
  const before = await readCredentials(store, target);
  ctx.stdout.write(
    `Logging in ${email} for slot ${id} (${configDir ? `CLAUDE_CONFIG_DIR=${configDir}` : 'default account, CLAUDE_CONFIG_DIR unset'}).\n` +
      'Your browser should open; sign in there. Ctrl-C cancels.\n',
  );
  const handle = startLogin(claudeBin, { configDir, email, env: ctx.deps.env, timeoutMs });
  handle.onProgress((event) => {
    if (event.type === 'url')
      ctx.stdout.write(`If the browser did not open, visit:\n  ${c.bold(event.url)}\n`);
    if (event.type === 'output' && /paste code/i.test(event.text) && process.stdin.isTTY) {
      ctx.stdout.write('If the page shows a code, paste it here and press Enter.\n');
    }
  });
  const result = await waitForLogin(handle);
  if (result.cancelled) {
    ctx.stderr.write('Cancelled: claude was stopped; the stored login was not changed by the broker.\n');
    return EXIT_CANCELLED;
  }
  if (result.timedOut) {
    throw new CliError(
      `No login after ${Math.round(timeoutMs / 1000)} s; claude was stopped. Try again: quota-broker relogin ${id}`,
    );
  }
  if (!result.ok) {
    const why = result.error ? `: ${result.error.split('\n').slice(-3).join(' ')}` : '';
    throw new CliError(
      `claude auth login failed (exit ${result.exitCode ?? 'none'})${why}. Try again: quota-broker relogin ${id}`,
    );
  }
  const after = await readCredentials(store, target);
  if (after.state !== 'ok' || (before.state === 'ok' && before.fingerprint === after.fingerprint)) {
    throw new CliError(
      `claude reported success, but no new login is stored in ${store.describe(target)}. Check that it logged in with CLAUDE_CONFIG_DIR=${configDir ?? '(unset)'}.`,
    );
  }
  ctx.stdout.write(`${c.green('Login stored')} in ${store.describe(target)}. Checking the slot…\n`);
  const outcome = await refreshOnce(ctx.deps, ctx.now, { slot: id, force: true });
  const cache = outcome.type === 'ran' ? outcome.result.cache : outcome.cache;
  const report = describeSlotAfter(id, cache?.slots[id] ?? null, c, ctx.now());
  ctx.stdout.write(`${report.text}\n`);
  return report.ok ? 0 : 1;
}
