/** Redaction: no token in a log line, a message or a crash report, whatever shape it comes in. */
import { describe, expect, it } from 'vitest';
import { redact, redactUnknown } from '../../shared/domain/redact';

describe('redact', () => {
  it.each([
    ['an access token', 'token sk-ant-oat01-test-Abc_12-xyz here', 'token sk-ant-[redacted] here'],
    ['a refresh token', 'sk-ant-ort01-test-zz9', 'sk-ant-[redacted]'],
    ['an API key', 'key=sk-ant-api03-AAAA-bbbb_cc', 'key=sk-ant-[redacted]'],
    ['an unknown prefix of 2–8 characters', 'sk-ant-xyz12345-secret', 'sk-ant-[redacted]'],
    [
      'several tokens in one line',
      '{"accessToken":"sk-ant-oat01-test-a","refreshToken":"sk-ant-ort01-test-b"}',
      '{"accessToken":"sk-ant-[redacted]","refreshToken":"sk-ant-[redacted]"}',
    ],
    ['a bearer header', 'Authorization: Bearer abcdefgh12345678', 'Authorization: Bearer [redacted]'],
    ['a bearer header, any case, base64 padding', 'bearer AbCdEfGh+/==', 'bearer [redacted]'],
    ['a short word after "Bearer" is not a token', 'Bearer token', 'Bearer token'],
    [
      'text without tokens is unchanged',
      'usage fetched for slot-1 (37 %)',
      'usage fetched for slot-1 (37 %)',
    ],
    ['"sk-ant-" alone is not a token', 'prefix sk-ant- only', 'prefix sk-ant- only'],
  ])('%s', (_name, input, output) => {
    expect(redact(input)).toBe(output);
  });

  it('can be applied twice (a message redacted on the way in and out)', () => {
    const once = redact('Bearer sk-ant-oat01-test-twice');
    expect(redact(once)).toBe(once);
    expect(once).not.toContain('twice');
  });
});

describe('redactUnknown', () => {
  it('an Error → its message, redacted (a library error that quotes a token)', () => {
    expect(redactUnknown(new Error('bad token sk-ant-oat01-test-err'))).toBe('bad token sk-ant-[redacted]');
  });
  it('a string → redacted as is', () => {
    expect(redactUnknown('sk-ant-ort01-test-str')).toBe('sk-ant-[redacted]');
  });
  it('an object → JSON, redacted', () => {
    expect(redactUnknown({ slot: 'slot-1', token: 'sk-ant-oat01-test-obj' })).toBe(
      '{"slot":"slot-1","token":"sk-ant-[redacted]"}',
    );
  });
  it('a value JSON cannot hold → its string form, redacted', () => {
    const circular: Record<string, unknown> = { token: 'sk-ant-oat01-test-circ' };
    circular.self = circular;
    expect(redactUnknown(circular)).toBe('[object Object]');
    expect(redactUnknown(10n)).toBe('10');
    expect(redactUnknown(undefined)).toBe('undefined');
  });
  it('null and numbers print plainly', () => {
    expect(redactUnknown(null)).toBe('null');
    expect(redactUnknown(42)).toBe('42');
  });
});
