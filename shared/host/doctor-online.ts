/**
 * `doctor --online` finds out whether each login works by taking the engine's own path for the slot
 * (engine/process-slot.ts): an expired token is refreshed the way the slot's `token_refresh` mode does it
 * (delegate: `claude auth status`; locked: under Claude Code's locks), a token the usage endpoint refuses
 * while valid locally goes through the locked refresh, then one usage call. So a dead login is named
 * (invalid_grant) and a live one is renewed as the broker would renew it — never harmed. Only where the
 * broker itself would call (no 429 back-off, hourly budget left); nothing is written to the broker's
 * cache or engine state (the refresh itself writes the new tokens to Claude Code's store, as the engine's
 * does). docs/doctor.md "--online".
 */
import { getSlotTarget } from '../adapters/credentials/slot-target';
import type { OnlineCheck, OnlineCheckInput } from '../adapters/doctor/gather-slot';
import { emptySlotState } from '../adapters/engine-state-store';
import { redactUnknown } from '../domain/redact';
import { hasBudget, isBackingOff } from '../domain/schedule';
import type { EngineDeps } from '../engine/deps';
import { processSlot } from '../engine/process-slot';
import { resolveRefreshMode } from '../engine/token-refresh/refresh-token';
import type { Logger } from '../ports/logger';

/** Why the broker itself would not call for this slot now, or null when it would. */
function getSkipReason(input: OnlineCheckInput, now: number): string | null {
  const { credentials, cache, state, settings } = input;
  if (credentials.state !== 'ok') return 'no usable login stored';
  const knownDead =
    input.slot.status === 'inactive' &&
    cache?.health === 'login_dead' &&
    (state?.inactive_fingerprint == null || state.inactive_fingerprint === credentials.fingerprint);
  if (knownDead) return 'the broker found this login dead, and no new login was stored since';
  if (isBackingOff(state?.backoff ?? null, now)) return 'rate-limited: the 429 back-off is running';
  if (!hasBudget(state?.requests ?? [], now, settings.max_calls_per_hour))
    return 'the hourly call budget is used up';
  return null;
}

const STATUS_OF: Record<string, number> = { unauthorized: 401, forbidden: 403, rate_limited: 429 };

/**
 * The engine's log lines, as info under a `doctor --online:` prefix: a refresh the doctor made is worth a
 * line in broker.log, but its planner's words ("deactivated") describe what a cycle would record, which
 * the doctor does not — and they must not count as the broker's errors in the next doctor run.
 */
function getCheckLogger(logger: Logger): Logger {
  const note = (message: string, fields?: Record<string, unknown>) =>
    logger.info(`doctor --online: ${message}`, fields);
  return { info: note, warn: note, error: note, debug: () => undefined };
}

/** The online check over an engine's dependencies. */
export function createOnlineCheck(engine: EngineDeps, now: () => number): OnlineCheck {
  const deps: EngineDeps = { ...engine, logger: getCheckLogger(engine.logger) };
  return async (input) => {
    const started = now();
    const skip = getSkipReason(input, started);
    if (skip) return { state: 'skipped', reason: skip };
    const mode = resolveRefreshMode(input.settings.token_refresh, deps.claudeBin);
    const before = input.credentials.state === 'ok' ? input.credentials.accessExpiresAt : null;
    try {
      // An inactive slot is checked as if active: whether its login works is the question.
      const result = await processSlot(
        deps,
        {
          slot: { ...input.slot, status: 'active' },
          target: getSlotTarget(input.slot, deps.paths.defaultConfigDir, deps.paths.home),
          // An explicit check is not a double click: the engine's minimum spacing between calls
          // (`last_attempt`) does not apply; the budget and the 429 back-off still do (above).
          prev: input.cache ? { ...input.cache, last_attempt: null } : undefined,
          state: input.state ?? emptySlotState(),
          observation: null,
          settings: input.settings,
          mode,
          force: true,
          knownEmail: input.email,
        },
        now,
      );
      const { entry } = result;
      if (entry.health === 'login_dead' || entry.health === 'no_credentials')
        return { state: 'login_dead', message: entry.last_error?.message ?? 'the login is dead' };
      if (entry.source === 'endpoint' && entry.last_fetched != null && entry.last_fetched >= started)
        return {
          state: 'ok',
          fiveHour: entry.five_hour?.utilization ?? null,
          sevenDay: entry.seven_day?.utilization ?? null,
          renewed: entry.access_expires_at != null && entry.access_expires_at !== before,
        };
      const error = entry.last_error && entry.last_error.at >= started ? entry.last_error : null;
      if (error)
        return {
          state: 'failed',
          kind: error.kind,
          status: STATUS_OF[error.kind] ?? null,
          message: error.message,
        };
      if (mode === 'never')
        return { state: 'skipped', reason: 'token_refresh is never: only Claude Code refreshes' };
      return { state: 'skipped', reason: 'the broker would not call for this slot now' };
    } catch (e) {
      return { state: 'failed', kind: 'internal', status: null, message: redactUnknown(e) };
    }
  };
}
