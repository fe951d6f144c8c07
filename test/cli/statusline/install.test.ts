import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BACKUP_FILE,
  getStatuslineCommand,
  installStatusline,
  isQuotaBrokerStatusLine,
  uninstallStatusline,
} from '../../../shared/cli/statusline/install';
import { isOldFormStatusLine } from '../../../shared/domain/statusline/install-command';
import { makeTempPaths } from './helpers';

const COMMAND = '/usr/bin/node /opt/qb/bin/quota-broker.cjs statusline';

function configDir(settings?: string): string {
  const { root } = makeTempPaths();
  const dir = join(root, '.claude-work');
  mkdirSync(dir);
  if (settings != null) writeFileSync(join(dir, 'settings.json'), settings);
  return dir;
}
const read = (dir: string) => readFileSync(join(dir, 'settings.json'), 'utf8');

describe('--install / --uninstall', () => {
  it('adds the statusLine keeping every other byte, and --uninstall restores the file exactly', async () => {
    const original =
      '{\n\t"model": "opus",\n\t"env": {"FOO": "1"},\n\t"permissions": {"allow": ["Read", "Bash(ls:*)"]}\n}\n';
    const dir = configDir(original);
    expect(await installStatusline({ configDir: dir, command: COMMAND, force: false })).toMatchObject({
      ok: true,
      action: 'installed',
    });
    const installed = read(dir);
    expect(installed).toBe(
      `${original.slice(0, -3)},\n\t"statusLine": {\n\t\t"type": "command",\n\t\t"command": "${COMMAND}",\n\t\t"padding": 0,\n\t\t"refreshInterval": 60\n\t}\n}\n`,
    );
    expect(await installStatusline({ configDir: dir, command: COMMAND, force: false })).toMatchObject({
      action: 'unchanged',
    });
    expect(await uninstallStatusline({ configDir: dir })).toMatchObject({ ok: true, action: 'removed' });
    expect(read(dir)).toBe(original);
  });

  it('creates settings.json when there is none (or it is empty)', async () => {
    for (const dir of [configDir(), configDir('  \n')]) {
      await installStatusline({ configDir: dir, command: COMMAND, force: false });
      expect(read(dir)).toBe(
        `{\n  "statusLine": {\n    "type": "command",\n    "command": "${COMMAND}",\n    "padding": 0,\n    "refreshInterval": 60\n  }\n}\n`,
      );
    }
  });

  it('refuses to replace a different statusLine without --force; --force saves it and --uninstall puts it back', async () => {
    const original = '{\n  "statusLine": {"type": "command", "command": "~/.claude/my-line.sh"}\n}\n';
    const dir = configDir(original);
    const refused = await installStatusline({ configDir: dir, command: COMMAND, force: false });
    expect(refused).toMatchObject({ ok: false, code: 'different-statusline' });
    expect(refused.ok ? '' : refused.message).toContain('--force');
    expect(read(dir)).toBe(original);
    expect(await installStatusline({ configDir: dir, command: COMMAND, force: true })).toMatchObject({
      ok: true,
      action: 'replaced',
    });
    expect(existsSync(join(dir, BACKUP_FILE))).toBe(true);
    expect(await uninstallStatusline({ configDir: dir })).toMatchObject({ action: 'restored' });
    expect(JSON.parse(read(dir))).toEqual(JSON.parse(original));
    expect(existsSync(join(dir, BACKUP_FILE))).toBe(false);
  });

  it('updates an older Quota Broker statusLine without --force and keeps keys a person added', async () => {
    const dir = configDir(
      '{"statusLine":{"type":"command","command":"quota-broker statusline","padding":1,"refreshInterval":30}}',
    );
    expect(await installStatusline({ configDir: dir, command: COMMAND, force: false })).toMatchObject({
      action: 'updated',
    });
    expect(JSON.parse(read(dir)).statusLine).toEqual({
      type: 'command',
      command: COMMAND,
      padding: 1,
      refreshInterval: 30,
    });
  });

  it('an install from before refreshInterval is updated to re-run every 60 s', async () => {
    const dir = configDir(`{"statusLine":{"type":"command","command":"${COMMAND}","padding":0}}`);
    expect(await installStatusline({ configDir: dir, command: COMMAND, force: false })).toMatchObject({
      action: 'updated',
    });
    expect(JSON.parse(read(dir)).statusLine.refreshInterval).toBe(60);
  });

  it('--uninstall leaves someone else’s statusLine alone', async () => {
    const original = '{"statusLine":{"type":"command","command":"ccstatusline"}}';
    const dir = configDir(original);
    expect(await uninstallStatusline({ configDir: dir })).toMatchObject({ ok: true, action: 'not-ours' });
    expect(read(dir)).toBe(original);
  });

  it.each([
    ['not JSON', '{ "model": "opus", }'],
    ['an array', '[]'],
  ])('refuses a settings.json that is %s and changes nothing', async (_name, text) => {
    const dir = configDir(text);
    const out = await installStatusline({ configDir: dir, command: COMMAND, force: true });
    expect(out).toMatchObject({ ok: false, code: 'not-json' });
    expect(read(dir)).toBe(text);
  });

  it('refuses a config dir that does not exist', async () => {
    const out = await installStatusline({
      configDir: '/nonexistent/.claude-x',
      command: COMMAND,
      force: false,
    });
    expect(out).toMatchObject({ ok: false, code: 'no-config-dir' });
  });

  it('keeps the mode and a symlinked settings.json (dotfiles)', async () => {
    const dir = configDir();
    const real = join(dir, 'real-settings.json');
    writeFileSync(real, '{"a":1}\n', { mode: 0o644 });
    symlinkSync(real, join(dir, 'settings.json'));
    await installStatusline({ configDir: dir, command: COMMAND, force: false });
    expect(statSync(join(dir, 'settings.json'), { throwIfNoEntry: false })?.isFile()).toBe(true);
    expect(JSON.parse(readFileSync(real, 'utf8')).statusLine.command).toBe(COMMAND);
    expect(statSync(real).mode & 0o777).toBe(0o644);
  });
});

describe('the command', () => {
  it.each([
    [
      '/usr/bin/node',
      '/opt/qb/bin/quota-broker.cjs',
      'QUOTA_BROKER_EXTRA_CA_CERTS="$NODE_EXTRA_CA_CERTS" NODE_EXTRA_CA_CERTS= /usr/bin/node /opt/qb/bin/quota-broker.cjs statusline',
    ],
    [
      '/Users/Me Too/node',
      "/o'k/quota-broker.cjs",
      `QUOTA_BROKER_EXTRA_CA_CERTS="$NODE_EXTRA_CA_CERTS" NODE_EXTRA_CA_CERTS= '/Users/Me Too/node' '/o'\\''k/quota-broker.cjs' statusline`,
    ],
  ])('absolute paths, shell-quoted only when needed', (node, bin, expected) => {
    expect(getStatuslineCommand(node, bin, 'linux')).toBe(expected);
  });

  it.each([
    [{ type: 'command', command: 'quota-broker statusline' }, true],
    [{ type: 'command', command: "'/x y/node' '/a/quota-broker.cjs' statusline" }, true],
    [{ type: 'command', command: 'node /a/bin/quota-broker.cjs statusline --x' }, true],
    [{ type: 'command', command: 'my-quota-broker-statusline.sh' }, false],
    [{ type: 'command', command: 'quota-broker status' }, false],
    ['quota-broker statusline', false],
  ])('recognises its own statusLine: %j', (value, ours) => {
    expect(isQuotaBrokerStatusLine(value)).toBe(ours);
  });
});

describe('an old-form command (before NODE_EXTRA_CA_CERTS was emptied for the statusline)', () => {
  const current = getStatuslineCommand('/usr/bin/node', '/opt/qb/bin/quota-broker.cjs', 'linux');
  it.each([
    [{ type: 'command', command: '/usr/bin/node /opt/qb/bin/quota-broker.cjs statusline' }, true],
    [{ type: 'command', command: 'quota-broker statusline' }, true],
    [{ type: 'command', command: current }, false],
    [{ type: 'command', command: 'ccstatusline' }, false],
  ])('is told apart: %j', (value, old) => {
    expect(isOldFormStatusLine(value)).toBe(old);
  });

  it('is upgraded by re-running --install', async () => {
    const dir = configDir(
      `{"statusLine":{"type":"command","command":"${COMMAND}","padding":0,"refreshInterval":60}}`,
    );
    expect(await installStatusline({ configDir: dir, command: current, force: false })).toMatchObject({
      action: 'updated',
    });
    const installed = JSON.parse(read(dir)).statusLine;
    expect(installed.command).toBe(current);
    expect(isOldFormStatusLine(installed)).toBe(false);
  });
});
