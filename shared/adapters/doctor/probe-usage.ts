import type { FetchLike } from '../../ports/fetch';
/**
 * `doctor --online`: one usage call per slot, only where the broker itself would be allowed to make one
 * (active, valid token, no 429 back-off, hourly budget left). Nothing is written: the broker's schedule
 * and state stay as they are.
 */

import type { ProbeFacts } from '../../domain/doctor/types';
import { type BackoffState, HOUR_MS, isBackingOff } from '../../domain/schedule';
import type { OAuthTokens } from '../../domain/types';
import { isAccessExpired } from '../credentials/credentials';
import { fetchUsage } from '../http/usage-client';
import { claudeCodeUserAgent } from '../http/user-agent';

export interface ProbeInput {
  apiBase: string;
  tokens: OAuthTokens;
  active: boolean;
  backoff: BackoffState | null;
  requests: number[];
  maxCallsPerHour: number;
  timeoutMs: number;
  now: number;
  fetch?: FetchLike;
}

/** Probes the usage endpoint once, or says why not. Never throws; messages are redacted. */
export async function probeUsage(input: ProbeInput): Promise<ProbeFacts> {
  const { now } = input;
  if (!input.active) return { state: 'skipped', reason: 'the slot is inactive' };
  if (isAccessExpired(input.tokens, now))
    return { state: 'skipped', reason: 'the access token expired (doctor does not refresh tokens)' };
  if (isBackingOff(input.backoff, now))
    return { state: 'skipped', reason: 'rate-limited: the 429 back-off is running' };
  if (input.requests.filter((t) => t > now - HOUR_MS).length >= input.maxCallsPerHour) {
    return { state: 'skipped', reason: 'the hourly call budget is used up' };
  }
  const result = await fetchUsage({
    apiBase: input.apiBase,
    accessToken: input.tokens.accessToken,
    userAgent: claudeCodeUserAgent(),
    timeoutMs: input.timeoutMs,
    fetch: input.fetch,
  });
  if (result.ok) {
    return {
      state: 'ok',
      fiveHour: result.snapshot.five_hour?.utilization ?? null,
      sevenDay: result.snapshot.seven_day?.utilization ?? null,
    };
  }
  return { state: 'failed', kind: result.kind, status: result.status, message: result.message };
}
