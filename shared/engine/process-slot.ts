/**
 * One slot, one cycle: read its credentials, decide whether a usage call is due and allowed, refresh the
 * access token when needed, call the endpoint, and name the result (product.md §3, §5, §6). Failures stay
 * inside the slot: this function never throws for a slot's own trouble.
 */
import { getTokenFingerprint, isAccessExpired, readCredentials } from '../adapters/credentials/credentials';
import { looksLikeDefaultDir } from '../adapters/credentials/slot-target';
import type { SlotEngineState } from '../adapters/engine-state-store';
import { fetchProfile } from '../adapters/http/profile-client';
import { fetchUsage } from '../adapters/http/usage-client';
import { claudeCodeUserAgent } from '../adapters/http/user-agent';
import { deactivates, getSlotHealth, type SlotOutcome } from '../domain/health';
import {
  hasBudget,
  isBackingOff,
  isDue,
  nextDueAfterFailure,
  nextDueAfterSuccess,
  nextRateLimitBackoff,
  trimRequests,
} from '../domain/schedule';
import type {
  BrokerSettings,
  CacheSlot,
  ErrorKind,
  OAuthTokens,
  SlotConfig,
  SlotStatus,
  TokenRefreshMode,
  UsageWindow,
} from '../domain/types';
import type { CredentialTarget } from '../ports/credential-store';
import type { EngineDeps } from './deps';
import { carryOver } from './slot-view';
import { recoverRefreshJournal } from './token-refresh/recover-journal';
import { refreshToken } from './token-refresh/refresh-token';

/** `refresh now` within this long of the last call reuses that call's answer (a second engine, a double click). */
export const FORCED_MIN_SPACING_MS = 10_000;
/** How often to ask the profile endpoint for an email nothing else names. */
export const PROFILE_RETRY_MS = 24 * 3_600_000;

export interface ObservationInput {
  observed_at: number;
  five_hour: UsageWindow | null;
  seven_day: UsageWindow | null;
}

export interface SlotInput {
  slot: SlotConfig;
  target: CredentialTarget;
  prev: CacheSlot | undefined;
  state: SlotEngineState;
  observation: ObservationInput | null;
  settings: BrokerSettings;
  mode: TokenRefreshMode;
  /** `refresh now`: ignore the schedule (never the 429 back-off or the hourly budget). */
  force: boolean;
  /** Email from the registry or the config dir's .claude.json; null sends us to the profile endpoint. */
  knownEmail: string | null;
}

export interface SlotResult {
  entry: CacheSlot;
  state: SlotEngineState;
  status: SlotStatus;
}

/** Processes one slot. `now` is read at each step: a slow call must not make its own result look old. */
export async function processSlot(
  deps: EngineDeps,
  input: SlotInput,
  now: () => number,
): Promise<SlotResult> {
  const { slot, settings } = input;
  const state: SlotEngineState = { ...input.state, requests: trimRequests(input.state.requests, now()) };
  const entry = carryOver(slot, input.prev);
  let status: SlotStatus = slot.status;
  const log = (level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown> = {}) =>
    deps.logger[level](message, { slot: slot.id, ...fields });
  const fail = (kind: ErrorKind, message: string) => {
    entry.last_error = { kind, message, at: now() };
    log(kind === 'login_dead' ? 'error' : 'warn', message, { kind });
  };

  const outcome = await decide();
  entry.status = status;
  entry.health = getSlotHealth(
    outcome,
    input.prev?.health ?? null,
    entry.last_fetched,
    now(),
    settings.stale_threshold_s,
  );
  entry.requests_last_hour = trimRequests(state.requests, now()).length;
  entry.next_attempt_at = isBackingOff(state.backoff, now()) ? (state.backoff?.until ?? null) : null;
  entry.login_seen_at = state.login_seen_at;
  return { entry, state, status };

  async function decide(): Promise<SlotOutcome> {
    if (!slot.enabled) return { type: 'disabled' };
    // A refresh this broker journaled but did not store (a crash) is written back before anything reads.
    await recoverRefreshJournal(deps, input.target, now);
    const cred = await readCredentials(deps.store, input.target);
    if (cred.state === 'unreadable') {
      fail('credentials_unreadable', cred.error);
      return { type: 'unreadable', malformed: cred.cause === 'malformed' };
    }
    const fingerprint = cred.state === 'ok' ? cred.fingerprint : cred.state;
    if (status === 'inactive') {
      if (state.inactive_fingerprint === null) state.inactive_fingerprint = fingerprint;
      if (cred.state !== 'ok' || fingerprint === state.inactive_fingerprint) {
        const prevHealth = input.prev?.health;
        if (cred.state === 'absent') return { type: 'no_credentials' };
        if (cred.state === 'logged_out' || prevHealth === 'login_dead') return { type: 'login_dead' };
        return { type: 'skipped' };
      }
      status = 'active';
      state.inactive_fingerprint = null;
      state.next_due_at = null;
      state.login_seen_at = now();
      log('info', `slot ${slot.id} is back in service: its stored credentials changed`);
    }
    if (cred.state === 'absent') {
      fail(
        'no_credentials',
        `No Claude Code login found (${deps.store.describe(input.target)}).${
          looksLikeDefaultDir(slot, deps.paths.defaultConfigDir, deps.paths.home)
            ? ' If you run plain `claude` (no CLAUDE_CONFIG_DIR) for this account, mark the slot `default: true` in the registry.'
            : ''
        } Run: quota-broker relogin ${slot.id}`,
      );
      return deactivate({ type: 'no_credentials' }, fingerprint);
    }
    if (cred.state === 'logged_out') {
      fail(
        'login_dead',
        `The login was logged out (empty credentials stored). Run: quota-broker relogin ${slot.id}`,
      );
      return deactivate({ type: 'login_dead' }, fingerprint);
    }
    let tokens = cred.tokens;
    if (state.cred_fingerprint === null) state.login_seen_at ??= now();
    state.cred_fingerprint = fingerprint;
    describeTokens(tokens);

    const obs = input.observation;
    if (
      obs &&
      now() - obs.observed_at <= settings.observation_fresh_s * 1000 &&
      obs.observed_at > (entry.last_fetched ?? 0)
    ) {
      entry.five_hour = obs.five_hour ?? entry.five_hour;
      entry.seven_day = obs.seven_day ?? entry.seven_day;
      entry.last_fetched = obs.observed_at;
      entry.source = 'statusline';
      return { type: 'observed' };
    }
    if (isBackingOff(state.backoff, now())) return { type: 'backing_off' };
    const justFetched = entry.last_attempt != null && now() - entry.last_attempt < FORCED_MIN_SPACING_MS;
    const forced = input.force && !justFetched;
    if (!forced && !isDue(state.next_due_at, now(), settings.refresh_interval_s)) return { type: 'skipped' };
    if (!hasBudget(state.requests, now(), settings.max_calls_per_hour)) {
      log('warn', `usage call skipped: ${settings.max_calls_per_hour} calls in the last hour already`);
      return { type: 'skipped' };
    }

    if (isAccessExpired(tokens, now())) {
      entry.last_attempt = now();
      const refreshed = await refreshToken(deps, input.mode, input.target, tokens, settings, now);
      if (refreshed.type === 'login_dead') {
        fail('login_dead', `${refreshed.message} Run: quota-broker relogin ${slot.id}`);
        const after = await readCredentials(deps.store, input.target);
        return deactivate({ type: 'login_dead' }, after.state === 'ok' ? after.fingerprint : after.state);
      }
      if (refreshed.type !== 'refreshed') {
        fail(refreshed.type === 'config' ? 'config' : 'refresh_failed', refreshed.message);
        state.next_due_at = nextDueAfterFailure(now(), settings.refresh_interval_s, ++state.failure_streak);
        return { type: 'token_expired' };
      }
      log('info', `access token refreshed (by ${refreshed.by})`);
      tokens = refreshed.tokens;
      state.cred_fingerprint = getTokenFingerprint(tokens);
      describeTokens(tokens);
    }

    entry.last_attempt = now();
    state.requests.push(now());
    const result = await fetchUsage({
      apiBase: deps.paths.apiBase,
      accessToken: tokens.accessToken,
      userAgent: claudeCodeUserAgent(deps.claudeVersion ?? undefined),
      timeoutMs: settings.request_timeout_s * 1000,
      fetch: deps.fetch,
    });
    if (result.ok) {
      Object.assign(entry, result.snapshot, { last_fetched: now(), source: 'endpoint' as const });
      state.backoff = null;
      state.failure_streak = 0;
      state.next_due_at = nextDueAfterSuccess(now(), settings.refresh_interval_s, deps.random());
      log('info', 'usage fetched', { five_hour: result.snapshot.five_hour?.utilization ?? null });
      await learnEmail(tokens);
      return { type: 'fetched' };
    }
    fail(result.kind, result.message);
    if (result.kind === 'rate_limited') {
      state.backoff = nextRateLimitBackoff(state.backoff, result.retryAfterS, now());
      state.next_due_at = state.backoff.until;
    } else {
      state.next_due_at = nextDueAfterFailure(now(), settings.refresh_interval_s, ++state.failure_streak);
    }
    return { type: 'failed', kind: result.kind };
  }

  /** Email of last resort: the profile endpoint, at most once a day, only when nothing else names it. */
  async function learnEmail(tokens: OAuthTokens) {
    if (entry.email || input.knownEmail) return;
    if (state.profile_email) {
      entry.email = state.profile_email;
      return;
    }
    if (state.profile_checked_at != null && now() - state.profile_checked_at < PROFILE_RETRY_MS) return;
    state.profile_checked_at = now();
    const profile = await fetchProfile({
      apiBase: deps.paths.apiBase,
      accessToken: tokens.accessToken,
      userAgent: claudeCodeUserAgent(deps.claudeVersion ?? undefined),
      timeoutMs: settings.request_timeout_s * 1000,
      fetch: deps.fetch,
    });
    if (profile.ok && profile.email) {
      state.profile_email = profile.email;
      entry.email = profile.email;
    }
  }

  function deactivate(outcome: SlotOutcome, fingerprint: string): SlotOutcome {
    if (deactivates(outcome) && status === 'active') {
      status = 'inactive';
      state.inactive_fingerprint = fingerprint;
      log('error', `slot ${slot.id} deactivated: ${outcome.type}`);
    }
    return outcome;
  }

  function describeTokens(tokens: OAuthTokens) {
    entry.access_expires_at = tokens.expiresAt;
    entry.login_expires_at = tokens.refreshTokenExpiresAt ?? null;
    entry.subscription = tokens.subscriptionType ?? entry.subscription;
    entry.rate_limit_tier = tokens.rateLimitTier ?? entry.rate_limit_tier;
  }
}
