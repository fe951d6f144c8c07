/**
 * Per-slot checks of what the broker has been doing (docs/doctor.md): last success and its age, the last
 * error and its kind, requests in the last hour, the 429 back-off, and the `--online` check's usage call.
 * Pure.
 */
import { HOUR_MS, isBackingOff } from '../schedule';
import type { ErrorKind } from '../types';
import { formatDuration, formatRelative } from './duration';
import { reloginFix, type SlotContext, START_BROKER_FIX } from './slot-context';
import type { Finding, FindingLevel, SlotFacts } from './types';

/** Kinds the login checks already explain; repeating them as "last error" adds nothing. */
const EXPLAINED: ReadonlySet<ErrorKind> = new Set(['login_dead', 'no_credentials', 'credentials_unreadable']);

function errorFix(kind: ErrorKind, id: string): string | null {
  switch (kind) {
    case 'rate_limited':
      return null; // the back-off finding says when it retries
    case 'offline':
    case 'timeout':
    case 'server_error':
    case 'bad_response':
      return 'check the network; the broker retries by itself';
    case 'unauthorized':
    case 'refresh_failed':
      return `run: quota-broker refresh --slot ${id}; if it keeps failing, ${reloginFix(id)}`;
    case 'forbidden':
      return `the login lacks the user:profile scope (a setup-token is not a login); ${reloginFix(id)}`;
    case 'storage':
      return 'check that the state dir is writable and the disk is not full';
    default:
      return reloginFix(id);
  }
}

/** Activity findings for an enabled slot; `usable` false keeps only the facts that explain the failure. */
export function getActivityFindings(
  slot: SlotFacts,
  ctx: SlotContext,
  now: number,
  usable: boolean,
): Finding[] {
  const make = (level: FindingLevel, code: string, message: string, fix: string | null): Finding => ({
    level,
    scope: slot.id,
    code,
    message,
    fix,
  });
  const out: Finding[] = [];
  const entry = slot.cache;
  const lastFetched = entry?.last_fetched ?? null;
  const backingOff = isBackingOff(slot.backoff, now);

  if (lastFetched == null) {
    if (usable)
      out.push(
        make(
          'warn',
          'never_fetched',
          'no successful usage call yet',
          `run: quota-broker refresh --slot ${slot.id}`,
        ),
      );
  } else {
    const age = now - lastFetched;
    const source = entry?.source === 'statusline' ? ' (from a Claude Code statusline)' : '';
    const stale = age > ctx.staleThresholdS * 1000;
    const message = stale
      ? `data ${formatDuration(age)} old: last success ${formatRelative(lastFetched, now)}${source}, stale after ${formatDuration(ctx.staleThresholdS * 1000)}`
      : `last success ${formatRelative(lastFetched, now)}${source}`;
    if (!usable) {
      // Context for the login problem above: not a problem of its own, and not "fine" either.
      out.push(make('info', 'last_success', message, null));
    } else if (stale) {
      const fix = backingOff
        ? null
        : ctx.brokerAlive
          ? `see the last error; run: quota-broker refresh --slot ${slot.id}`
          : START_BROKER_FIX;
      out.push(make(backingOff ? 'warn' : 'problem', 'stale', message, fix));
    } else {
      out.push(
        make('ok', 'fresh', `${message}; status ${slot.status}, health ${entry?.health ?? '—'}`, null),
      );
    }
  }

  const err = entry?.last_error;
  // A refusal of a token valid locally is the `token_rejected` finding's to explain.
  const rejection =
    entry?.token_rejected_at != null && (err?.kind === 'unauthorized' || err?.kind === 'forbidden');
  if (err && err.at >= (lastFetched ?? 0) && !EXPLAINED.has(err.kind) && !rejection) {
    out.push(
      make(
        'warn',
        'last_error',
        `last error ${formatRelative(err.at, now)} (${err.kind}): ${err.message}`,
        errorFix(err.kind, slot.id),
      ),
    );
  }
  if (!usable) return out;

  if (backingOff && slot.backoff) {
    const times = slot.backoff.streak > 1 ? ` ×${slot.backoff.streak}` : '';
    out.push(
      make(
        'warn',
        'backing_off',
        `rate-limited (429${times}): next usage call ${formatRelative(slot.backoff.until, now)}`,
        null,
      ),
    );
  }
  const calls = slot.requests.filter((t) => t > now - HOUR_MS && t <= now).length;
  if (calls >= ctx.maxCallsPerHour) {
    out.push(
      make(
        'warn',
        'budget_used',
        `${calls} usage calls in the last hour: the hourly budget (${ctx.maxCallsPerHour}) is used up until older calls age out`,
        null,
      ),
    );
  } else {
    out.push(
      make(
        'ok',
        'requests',
        `${calls} usage call${calls === 1 ? '' : 's'} in the last hour (budget ${ctx.maxCallsPerHour})`,
        null,
      ),
    );
  }
  if (slot.probe) out.push(getProbeFinding(slot, make));
  return out;
}

function getProbeFinding(
  slot: SlotFacts,
  make: (l: FindingLevel, c: string, m: string, f: string | null) => Finding,
): Finding {
  const p = slot.probe!;
  switch (p.state) {
    case 'skipped':
      return make('ok', 'probe_skipped', `online probe skipped: ${p.reason}`, null);
    case 'ok': {
      const pct = (v: number | null) => (v == null ? '—' : `${Math.round(v)}%`);
      return make(
        'ok',
        'probe_ok',
        `usage endpoint answered${p.renewed ? ' (after renewing the access token)' : ''}: 5-hour ${pct(p.fiveHour)}, weekly ${pct(p.sevenDay)}`,
        null,
      );
    }
    case 'login_dead':
      // The login finding says it (and the slot is unusable, so this is not reached); kept for the switch.
      return make(
        'problem',
        'probe_failed',
        `the refresh token was rejected: ${p.message}`,
        reloginFix(slot.id),
      );
    case 'failed': {
      const level: FindingLevel = p.kind === 'unauthorized' || p.kind === 'forbidden' ? 'problem' : 'warn';
      return make(
        level,
        'probe_failed',
        `usage endpoint: ${p.message}`,
        errorFix(p.kind as ErrorKind, slot.id),
      );
    }
  }
}
