import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  buildAddArgs,
  buildFindArgs,
  buildInteractiveAddLine,
  createKeychainStore,
  decodeFindOutput,
  SECURITY_STDIN_MAX_CHARS,
} from '../../../shared/adapters/credentials/keychain-store';
import { CredentialStoreError, type CredentialTarget } from '../../../shared/ports/credential-store';
import { createFakeSecurity, type FakeSecurity } from './fake-security';
import { ACCESS_1, loggedInDoc, REFRESH_1 } from './samples';

const WORK: CredentialTarget = { configDir: '/Users/test/.claude-work', isDefault: false };
const DEFAULT: CredentialTarget = { configDir: '/Users/test/.claude', isDefault: true };
const WORK_SERVICE = 'Claude Code-credentials-03abf0ee';

describe('security argv', () => {
  it('reads exactly as Claude Code does', () => {
    expect(buildFindArgs('alice', WORK_SERVICE)).toEqual([
      'find-generic-password',
      '-a',
      'alice',
      '-s',
      WORK_SERVICE,
      '-w',
    ]);
  });

  it('writes exactly as Claude Code does, the value as hex of the UTF-8 JSON', () => {
    expect(buildAddArgs('alice', WORK_SERVICE, '{"a":"é"}')).toEqual([
      'add-generic-password',
      '-U',
      '-a',
      'alice',
      '-s',
      WORK_SERVICE,
      '-X',
      '7b2261223a22c3a9227d',
    ]);
  });

  it.each([
    ['{"a":1}\n', '{"a":1}'],
    ['{"a":1}', '{"a":1}'],
    ['7b2261223a22c3a9227d\n', '{"a":"é"}'],
    ['', ''],
  ])('decodes -w output %j', (stdout, value) => {
    expect(decodeFindOutput(stdout)).toBe(value);
  });
});

describe('keychain store against a fake security tool', () => {
  let fake: FakeSecurity;
  beforeEach(async () => {
    fake = await createFakeSecurity();
  });
  const store = (timeoutMs = 10_000) =>
    createKeychainStore({ securityPath: fake.path, account: 'alice', timeoutMs });

  it('answers null when the item does not exist (exit 44)', async () => {
    await expect(store().readRaw(WORK)).resolves.toBeNull();
    expect(await fake.calls()).toEqual([buildFindArgs('alice', WORK_SERVICE)]);
  });

  it('reads an item Claude Code wrote, and the default account from the un-suffixed item', async () => {
    await fake.putItem('alice', WORK_SERVICE, '{"work":1}');
    await fake.putItem('alice', 'Claude Code-credentials', '{"default":1}');
    await expect(store().readRaw(WORK)).resolves.toBe('{"work":1}');
    await expect(store().readRaw(DEFAULT)).resolves.toBe('{"default":1}');
  });

  it('writes with add-generic-password -U and reads the same text back, non-ASCII included', async () => {
    const text = JSON.stringify({ ...loggedInDoc(), organizationName: 'Zürich Ltd' });
    await store().writeRaw(WORK, text);
    await store().writeRaw(WORK, text); // -U: updating an existing item works
    await expect(store().readRaw(WORK)).resolves.toBe(text);
    expect((await fake.stdinCommands())[0]).toEqual(buildAddArgs('alice', WORK_SERVICE, text));
    expect(Object.keys(await fake.items())).toEqual([`alice@@${WORK_SERVICE}`]);
  });

  it('sends the write on stdin to security -i, as Claude Code does: no token in any argv', async () => {
    const text = JSON.stringify(loggedInDoc());
    await store().writeRaw(WORK, text);
    const hex = Buffer.from(text, 'utf8').toString('hex');
    const argvs = await fake.calls();
    expect(argvs).toEqual([['-i']]);
    for (const secret of [ACCESS_1, REFRESH_1, hex, Buffer.from(ACCESS_1).toString('hex')]) {
      expect(argvs.flat().join(' ')).not.toContain(secret);
    }
    expect(await fake.stdinCommands()).toEqual([
      ['add-generic-password', '-U', '-a', 'alice', '-s', WORK_SERVICE, '-X', hex],
    ]);
    expect(buildInteractiveAddLine(buildAddArgs('alice', WORK_SERVICE, text))).toBe(
      `add-generic-password -U -a "alice" -s "${WORK_SERVICE}" -X "${hex}"\n`,
    );
  });

  it('uses argv only above the 4032-character line Claude Code sends on stdin, and names the keychain file on either path', async () => {
    // A JSON whose command line is exactly at the limit goes over stdin; one byte more goes to argv.
    const lineFor = (json: string) =>
      buildInteractiveAddLine([...buildAddArgs('alice', WORK_SERVICE, json), keychain]) ?? '';
    const keychain = '/tmp/a "quoted" dir/test.keychain-db';
    const base = JSON.stringify({ claudeAiOauth: {}, pad: '' });
    const pad = (SECURITY_STDIN_MAX_CHARS - lineFor(base).length) / 2;
    const atLimit = JSON.stringify({ claudeAiOauth: {}, pad: 'x'.repeat(pad) });
    const over = JSON.stringify({ claudeAiOauth: {}, pad: 'x'.repeat(pad + 1) });
    expect(lineFor(atLimit).length).toBe(SECURITY_STDIN_MAX_CHARS);
    const named = createKeychainStore({ securityPath: fake.path, account: 'alice', keychain });
    await named.writeRaw(WORK, atLimit);
    expect(await fake.items()).toEqual({ [`alice@@${WORK_SERVICE}`]: atLimit });
    await named.writeRaw(WORK, over);
    expect(await fake.items()).toEqual({ [`alice@@${WORK_SERVICE}`]: over });
    const argvs = await fake.calls();
    expect(argvs[0]).toEqual(['-i']);
    expect(await fake.stdinCommands()).toEqual([[...buildAddArgs('alice', WORK_SERVICE, atLimit), keychain]]);
    expect(argvs[1]).toEqual([...buildAddArgs('alice', WORK_SERVICE, over), keychain]);
  });

  it('refuses a line break in a word instead of splitting the command', async () => {
    const odd = createKeychainStore({ securityPath: fake.path, account: 'ali\nce' });
    const error = (await odd.writeRaw(WORK, '{}').catch((e: unknown) => e)) as CredentialStoreError;
    expect(error).toBeInstanceOf(CredentialStoreError);
    expect(error.message).toMatch(/line break/);
    expect(await fake.calls()).toEqual([]);
  });

  it('reports a locked keychain with a sentence, on read and on write, without the secret', async () => {
    await fake.setMode('locked');
    const read = await store()
      .readRaw(WORK)
      .catch((e: unknown) => e);
    expect(read).toBeInstanceOf(CredentialStoreError);
    expect((read as CredentialStoreError).code).toBe('locked');
    expect((read as CredentialStoreError).message).toContain(
      'The login keychain is locked; unlock it (security unlock-keychain) and retry.',
    );
    const text = JSON.stringify(loggedInDoc());
    const write = (await store()
      .writeRaw(WORK, text)
      .catch((e: unknown) => e)) as CredentialStoreError;
    expect(write.code).toBe('locked');
    expect(write.message).toContain(WORK_SERVICE);
    for (const secret of [ACCESS_1, REFRESH_1, Buffer.from(text).toString('hex').slice(0, 40)]) {
      expect(write.message).not.toContain(secret);
    }
  });

  it('gives up after the timeout instead of hanging', async () => {
    await fake.setMode('sleep');
    const error = (await store(500)
      .readRaw(WORK)
      .catch((e: unknown) => e)) as CredentialStoreError;
    expect(error).toBeInstanceOf(CredentialStoreError);
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/did not answer within/);
  });

  it('reports other failures as io with security’s message', async () => {
    await fake.setMode('fail');
    const error = (await store()
      .readRaw(WORK)
      .catch((e: unknown) => e)) as CredentialStoreError;
    expect(error.code).toBe('io');
    expect(error.message).toContain('exited with code 1: security: something unexpected happened');
  });

  it('reports a missing security tool as unavailable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qb-no-security-'));
    const missing = createKeychainStore({ securityPath: join(dir, 'security'), account: 'alice' });
    const error = (await missing.readRaw(WORK).catch((e: unknown) => e)) as CredentialStoreError;
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('QUOTA_BROKER_CREDENTIALS=file');
    expect(await readdir(dir)).toEqual([]);
  });

  it('describes the item by service and account', () => {
    expect(store().describe(WORK)).toBe(`keychain item "${WORK_SERVICE}" (account "alice")`);
  });
});
