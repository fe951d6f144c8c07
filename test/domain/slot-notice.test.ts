import { describe, expect, it } from 'vitest';
import { getErrorCause, getSlotNotice } from '../../shared/domain/slot-notice';
import { getSlotState, getSlotStateSettings } from '../../shared/domain/slot-state';
import type { CacheSlot, ErrorKind } from '../../shared/domain/types';
import { MIN, makeSlot } from '../cli/statusline/helpers';

const NOW = Date.parse('2026-02-08T12:00:00Z');

/** A healthy slot fetched a minute ago, overridden per case. */
const slot = (over: Partial<CacheSlot> = {}): CacheSlot => makeSlot(NOW, over);
const error = (kind: ErrorKind, at = NOW - MIN, message = 'x') => ({ kind, message, at });
const notice = (s: CacheSlot) => {
  const n = getSlotNotice(s, getSlotState('slot-1', s, NOW, getSlotStateSettings(null)));
  return n && `${n.kind}:${n.tone}`;
};

describe('getSlotNotice: one notice, red only for what needs the person', () => {
  it.each([
    ['healthy', slot(), null],
    [
      'disabled by the person',
      slot({ enabled: false, health: 'disabled', last_error: error('offline') }),
      null,
    ],
    [
      'login dead',
      slot({ status: 'inactive', health: 'login_dead', last_error: error('login_dead') }),
      'login:bad',
    ],
    ['nothing stored', slot({ status: 'inactive', health: 'no_credentials' }), 'login:bad'],
    ['inactive from an old tool', slot({ status: 'inactive' }), 'login:bad'],
    [
      '429 back-off',
      slot({ health: 'rate_limited', next_attempt_at: NOW + 4 * MIN, last_error: error('rate_limited') }),
      'rate_limited:warn',
    ],
    [
      'network down',
      slot({ health: 'offline', last_fetched: NOW - 20 * MIN, last_error: error('offline') }),
      'offline:warn',
    ],
    [
      'a 5xx',
      slot({ health: 'offline', last_fetched: NOW - 20 * MIN, last_error: error('server_error') }),
      'offline:warn',
    ],
    [
      'a setup token (403)',
      slot({ health: 'offline', last_fetched: NOW - 20 * MIN, last_error: error('forbidden') }),
      'error:bad',
    ],
    [
      'a locked keychain',
      slot({ health: 'offline', last_fetched: NOW - 20 * MIN, last_error: error('credentials_unreadable') }),
      'error:bad',
    ],
    ['a full disk', slot({ last_fetched: NOW - 20 * MIN, last_error: error('storage') }), 'error:bad'],
    [
      'token being refreshed',
      slot({ health: 'token_expired', last_error: error('unauthorized') }),
      'token:warn',
    ],
    [
      'a 429 a later success resolved',
      slot({ last_error: error('rate_limited', NOW - 30 * MIN) }),
      'resolved:muted',
    ],
    [
      'a 403 a later success resolved',
      slot({ last_error: error('forbidden', NOW - 30 * MIN) }),
      'resolved:muted',
    ],
  ])('%s → %s', (_name, s, expected) => {
    expect(notice(s)).toBe(expected);
  });

  it('a login notice carries the next try of nobody, and no older error of another kind', () => {
    const s = slot({ status: 'inactive', health: 'login_dead', last_error: error('rate_limited') });
    const n = getSlotNotice(s, getSlotState('slot-1', s, NOW, getSlotStateSettings(null)));
    expect(n).toMatchObject({ kind: 'login', errorKind: null, cause: null, at: null, nextAttemptAt: null });
  });
});

describe('getErrorCause', () => {
  it.each([
    [
      'The token endpoint rejected the stored refresh token (invalid_grant); re-login needed. Run: quota-broker relogin slot-2',
      'The token endpoint rejected the stored refresh token (invalid_grant).',
    ],
    [
      'Claude Code could not refresh this login (the refresh token is dead); re-login needed.',
      'Claude Code could not refresh this login (the refresh token is dead).',
    ],
    [
      'The login was logged out (empty credentials stored). Run: quota-broker relogin slot-1',
      'The login was logged out (empty credentials stored).',
    ],
    ['getaddrinfo ENOTFOUND api.anthropic.com', 'getaddrinfo ENOTFOUND api.anthropic.com.'],
    ['Run: quota-broker relogin x', null],
    ['', null],
  ])('%s', (message, cause) => {
    expect(getErrorCause(message)).toBe(cause);
  });
});
