/**
 * broker.json and the refresh journal read through their schemas: the journal is recovered whenever it
 * holds a complete login (losing it would lose the login: refresh tokens are single-use) and never when
 * it could be a stub; a broker.json that is not one says nothing about the holder.
 */
import { describe, expect, it } from 'vitest';
import { parseBrokerInfo, parseRefreshJournal } from '../../../shared/domain/schemas/broker-files';

const tokens = {
  accessToken: 'sk-ant-oat01-test-j1',
  refreshToken: 'sk-ant-ort01-test-j1',
  expiresAt: 1_900_000_000_000,
};
const journal = { version: 1, written_at: 1_800_000_000_000, sent_fingerprint: 'abcd', tokens };

describe('the refresh journal', () => {
  it.each([
    ['a complete journal', journal, journal],
    ['with refreshTokenExpiresAt', { ...journal, tokens: { ...tokens, refreshTokenExpiresAt: 5 } }, 'same'],
    [
      'without written_at: still recovered',
      { ...journal, written_at: undefined },
      { ...journal, written_at: 0 },
    ],
  ])('%s → recovered', (_name, value, expected) => {
    expect(parseRefreshJournal(JSON.stringify(value))).toEqual(expected === 'same' ? value : expected);
  });

  it.each([
    ['empty tokens (a stub)', { ...journal, tokens: { accessToken: '', refreshToken: '', expiresAt: 0 } }],
    ['a blank refresh token', { ...journal, tokens: { ...tokens, refreshToken: '  ' } }],
    ['expiresAt 0', { ...journal, tokens: { ...tokens, expiresAt: 0 } }],
    ['a bad refreshTokenExpiresAt', { ...journal, tokens: { ...tokens, refreshTokenExpiresAt: -1 } }],
    ['no tokens', { ...journal, tokens: undefined }],
    ['another version', { ...journal, version: 2 }],
    ['no fingerprint', { ...journal, sent_fingerprint: undefined }],
  ])('%s → garbage', (_name, value) => {
    expect(parseRefreshJournal(JSON.stringify(value))).toBeNull();
  });

  it('text that is not JSON → garbage', () => {
    expect(parseRefreshJournal('{"version":1,')).toBeNull();
  });
});

describe('broker.json', () => {
  const info = { pid: 42, surface: 'daemon', started_at: 1, cycle_started_at: null, last_cycle_at: 2 };
  it('reads the holder', () => {
    expect(parseBrokerInfo(JSON.stringify(info))).toEqual(info);
  });
  it.each([
    ['a pid that is no process id', { ...info, pid: -1 }],
    ['an unknown surface', { ...info, surface: 'toaster' }],
    ['not JSON', '{'],
  ])('%s → unknown holder', (_name, value) => {
    expect(parseBrokerInfo(typeof value === 'string' ? value : JSON.stringify(value))).toBeNull();
  });
});
