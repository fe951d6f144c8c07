import { describe, expect, it } from 'vitest';
import { describeErrorKind, formatNotice } from '../../../renderer/format/errors';
import { formatMinorUnits } from '../../../renderer/format/money';
import { formatDataAge } from '../../../renderer/format/slot-text';
import { formatClock } from '../../../renderer/format/time';
import { formatAge, formatAgo, formatCountdown, parseIsoMs } from '../../../shared/domain/format/duration';
import type { ErrorKind } from '../../../shared/domain/types';

const S = 1_000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('formatAge', () => {
  it.each([
    [0, '0s'],
    [45 * S, '45s'],
    [4 * M + 59 * S, '4m'],
    [11 * H + 40 * M, '11h'],
    [2 * D + 5 * H, '2d'],
    [-5 * S, '0s'],
  ])('%i ms → %s', (ms, text) => expect(formatAge(ms)).toBe(text));
});

describe('formatAgo', () => {
  it.each([
    [2 * S, 'just now'],
    [20 * S, '20 s ago'],
    [3 * M + 10 * S, '3 m ago'],
    [11 * H, '11 h ago'],
    [3 * D, '3 d ago'],
  ])('%i ms → %s', (ms, text) => expect(formatAgo(ms)).toBe(text));
});

describe('formatCountdown', () => {
  it.each([
    [-1, 'now'],
    [30 * S, '<1m'],
    [45 * M, '45m'],
    [2 * H, '2h'],
    [2 * H + 13 * M, '2h 13m'],
    [3 * D + 4 * H + 10 * M, '3d 4h'],
    [5 * D, '5d'],
  ])('%i ms → %s', (ms, text) => expect(formatCountdown(ms)).toBe(text));
});

describe('parseIsoMs', () => {
  it('reads API timestamps and rejects garbage', () => {
    expect(parseIsoMs('2026-02-08T04:59:59+00:00')).toBe(Date.UTC(2026, 1, 8, 4, 59, 59));
    expect(parseIsoMs('soon')).toBeNull();
    expect(parseIsoMs(null)).toBeNull();
  });
});

describe('formatDataAge', () => {
  const now = Date.UTC(2026, 1, 7, 12);
  it('names the source and the age', () => {
    expect(formatDataAge('endpoint', now - 3 * M, now)).toBe('from endpoint 3 m ago');
    expect(formatDataAge('statusline', now - 20 * S, now)).toBe('from your Claude session 20 s ago');
    expect(formatDataAge(null, null, now)).toBe('no data yet');
  });
});

describe('formatClock', () => {
  const now = Date.UTC(2026, 1, 7, 12); // a Saturday
  const utc = { timeZone: 'UTC' };
  it('shows the time today, the weekday this week, the date beyond', () => {
    expect(formatClock(now - 2 * H - 3 * M, now, utc)).toBe('09:57');
    expect(formatClock(now + 3 * D, now, utc)).toBe('Tue 12:00');
    expect(formatClock(now - 10 * D, now, utc)).toBe('28 Jan 12:00');
  });
});

describe('formatMinorUnits', () => {
  it.each([
    [1234, 'USD', '$12.34'],
    [5000, 'usd', '$50.00'],
    [1234, 'EUR', '€12.34'],
    [500, 'JPY', '¥500'],
    [1234, null, '$12.34'],
    [1234, 'NOT-A-CODE', '12.34 NOT-A-CODE'],
  ])('%i %s → %s', (amount, currency, text) => expect(formatMinorUnits(amount, currency)).toBe(text));
});

describe('plain-language errors', () => {
  const kinds: ErrorKind[] = [
    'offline',
    'timeout',
    'server_error',
    'rate_limited',
    'unauthorized',
    'forbidden',
    'bad_response',
    'login_dead',
    'no_credentials',
    'credentials_unreadable',
    'config',
    'refresh_failed',
    'storage',
  ];
  it('has a distinct sentence for every error kind', () => {
    const sentences = kinds.map(describeErrorKind);
    expect(new Set(sentences).size).toBe(kinds.length);
    for (const sentence of sentences) expect(sentence).toMatch(/^[A-Z].*\.$/);
  });

  it('none of them says "re-login": the card\'s button does, once', () => {
    for (const kind of kinds) expect(describeErrorKind(kind)).not.toMatch(/re-?login/i);
  });

  it("words a notice: its age, the sentence, the engine's own words and the next try", () => {
    const now = Date.parse('2026-02-07T12:00:00Z');
    const text = formatNotice(
      {
        kind: 'offline',
        tone: 'warn',
        errorKind: 'offline',
        cause: 'getaddrinfo ENOTFOUND api.anthropic.com.',
        at: now - 2 * M,
        nextAttemptAt: now + 90 * S,
      },
      'offline',
      now,
    );
    expect(text).toEqual({
      heading: '2 m ago',
      summary: describeErrorKind('offline'),
      detail: 'getaddrinfo ENOTFOUND api.anthropic.com.',
      next: `Next try ${formatClock(now + 90 * S, now)} (in 1m)`,
    });
  });

  it('a login notice speaks of the login even without a recorded error', () => {
    const notice = {
      kind: 'login' as const,
      tone: 'bad' as const,
      errorKind: null,
      cause: null,
      at: null,
      nextAttemptAt: null,
    };
    expect(formatNotice(notice, 'inactive', 0)).toEqual({
      heading: null,
      summary: 'Marked inactive: the broker does not poll it until a new login.',
      detail: null,
      next: null,
    });
  });
});
