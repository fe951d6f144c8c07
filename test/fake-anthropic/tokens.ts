import { randomBytes, randomUUID } from 'node:crypto';

/** A short, obviously fake access token. */
export function fakeAccessToken(): string {
  return `sk-ant-oat01-test-${randomBytes(4).toString('hex')}`;
}

/** A short, obviously fake refresh token. */
export function fakeRefreshToken(): string {
  return `sk-ant-ort01-test-${randomBytes(4).toString('hex')}`;
}

export function fakeUuid(): string {
  return randomUUID();
}
