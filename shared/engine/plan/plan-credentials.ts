/**
 * The first decisions of a slot's cycle (README: "Health"): a disabled slot is left alone; otherwise its
 * stored login is read, and what the store holds decides between staying inactive, coming back into
 * service, deactivating, or going on to the usage call (plan-call.ts). Pure.
 */
import { planCall } from './plan-call';
import { deactivate, describeTokens, step, withError } from './run';
import type { CredentialFacts, PlanLog, PlanStep, SlotPlanContext, SlotRun } from './types';

/** Where every slot's cycle begins. */
export function planStart(ctx: SlotPlanContext, run: SlotRun): PlanStep {
  return step(run, ctx.slot.enabled ? { type: 'read_credentials' } : { type: 'disabled' });
}

/** Decides from the stored login just read. */
export function planCredentials(
  ctx: SlotPlanContext,
  run: SlotRun,
  credentials: CredentialFacts,
  now: number,
): PlanStep {
  const id = ctx.slot.id;
  if (credentials.state === 'unreadable') {
    const failed = withError(run, 'credentials_unreadable', credentials.error, now);
    return step(failed.run, { type: 'unreadable', malformed: credentials.malformed }, [failed.log]);
  }
  const fingerprint = credentials.state === 'ok' ? credentials.fingerprint : credentials.state;
  const logs: PlanLog[] = [];
  let current = run;
  if (run.status === 'inactive') {
    const remembered = run.state.inactive_fingerprint ?? fingerprint;
    current = { ...run, state: { ...run.state, inactive_fingerprint: remembered } };
    if (credentials.state !== 'ok' || fingerprint === remembered) {
      // Nothing changed in the store: no call, and the health says why the slot is out.
      const outcome =
        credentials.state === 'absent'
          ? 'no_credentials'
          : credentials.state === 'logged_out' || ctx.prevHealth === 'login_dead'
            ? 'login_dead'
            : 'skipped';
      return step(current, { type: 'stay_inactive', outcome });
    }
    current = {
      ...current,
      status: 'active',
      state: { ...current.state, inactive_fingerprint: null, next_due_at: null, login_seen_at: now },
    };
    logs.push({ level: 'info', message: `slot ${id} is back in service: its stored credentials changed` });
  }
  if (credentials.state === 'absent') {
    const hint = ctx.looksLikeDefaultDir
      ? ' If you run plain `claude` (no CLAUDE_CONFIG_DIR) for this account, mark the slot `default: true` in the registry.'
      : '';
    const message = `No Claude Code login found (${ctx.storeDescription}).${hint} Run: quota-broker relogin ${id}`;
    const failed = withError(current, 'no_credentials', message, now);
    return deactivate(failed.run, id, 'no_credentials', fingerprint, [...logs, failed.log]);
  }
  if (credentials.state === 'logged_out') {
    const message = `The login was logged out (empty credentials stored). Run: quota-broker relogin ${id}`;
    const failed = withError(current, 'login_dead', message, now);
    return deactivate(failed.run, id, 'login_dead', fingerprint, [...logs, failed.log]);
  }
  const state = { ...current.state };
  if (state.cred_fingerprint === null) state.login_seen_at ??= now;
  state.cred_fingerprint = fingerprint;
  current = describeTokens({ ...current, state }, credentials.tokens);
  return planCall(ctx, current, credentials.accessExpired, now, logs);
}
