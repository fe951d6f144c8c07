import { describe, expect, it } from 'vitest';
import { getLaunchdPlist } from '../../../shared/domain/service/launchd-plist';
import {
  isDiscardedOutput,
  readLaunchdPlist,
  readSystemdUnit,
  splitExecStart,
} from '../../../shared/domain/service/read-service-file';
import { getServiceEnv, type ServiceSpec } from '../../../shared/domain/service/service-spec';
import { getSystemdUnit } from '../../../shared/domain/service/systemd-unit';

const spec: ServiceSpec = {
  nodePath: '/usr/bin/node',
  binPath: '/opt/quota broker/bin/quota-broker.cjs',
  logPath: '/home/me/.qb state/broker.log',
  env: {
    PATH: '/usr/bin:/bin',
    QUOTA_BROKER_HOME: '/home/me/.qb state',
    QUOTA_BROKER_SESSIONS: '/home/me/100%"sessions".yaml',
  },
  appVersion: '0.1.0',
};

describe('getServiceEnv', () => {
  it('carries QUOTA_BROKER_*, PATH and NODE_EXTRA_CA_CERTS, never Claude overrides', () => {
    expect(
      getServiceEnv({
        QUOTA_BROKER_HOME: '/s',
        QUOTA_BROKER_CLAUDE: '/c',
        QUOTA_BROKER_EMPTY: '',
        PATH: '/bin',
        NODE_EXTRA_CA_CERTS: '/ca.pem',
        CLAUDE_CODE_OAUTH_TOKEN: 'sk-ant-oat01-x',
        ANTHROPIC_API_KEY: 'k',
        CLAUDE_CONFIG_DIR: '/d',
        HOME: '/home/me',
      }),
    ).toEqual({
      NODE_EXTRA_CA_CERTS: '/ca.pem',
      PATH: '/bin',
      QUOTA_BROKER_CLAUDE: '/c',
      QUOTA_BROKER_HOME: '/s',
    });
  });
});

describe('getSystemdUnit', () => {
  const unit = getSystemdUnit(spec);

  it('runs the daemon by absolute paths, restarts on failure and appends output to the log', () => {
    expect(unit).toContain('ExecStart="/usr/bin/node" "/opt/quota broker/bin/quota-broker.cjs" "daemon"\n');
    expect(unit).toContain('Restart=on-failure\nRestartSec=10\n');
    expect(unit).toContain('StandardOutput=append:/home/me/.qb state/broker.log\n');
    expect(unit).toContain('StandardError=append:/home/me/.qb state/broker.log\n');
    expect(unit).toContain('Environment="QUOTA_BROKER_HOME=/home/me/.qb state"\n');
    expect(unit).toContain('Environment="QUOTA_BROKER_SESSIONS=/home/me/100%%\\"sessions\\".yaml"\n');
    expect(unit).toContain('[Install]\nWantedBy=default.target\n');
    expect(unit).not.toMatch(/\/dev\/null/);
  });

  it('reads back as written', () => {
    const info = readSystemdUnit(unit);
    expect(info).toEqual({
      stdout: 'append:/home/me/.qb state/broker.log',
      stderr: 'append:/home/me/.qb state/broker.log',
      args: ['/usr/bin/node', '/opt/quota broker/bin/quota-broker.cjs', 'daemon'],
    });
    expect([info.stdout, info.stderr].some(isDiscardedOutput)).toBe(false);
  });

  it('reads units written by hand: journal default, stderr inheriting, /dev/null', () => {
    expect(readSystemdUnit('[Service]\nExecStart=-/usr/bin/quota-broker daemon\n')).toEqual({
      stdout: null,
      stderr: null,
      args: ['/usr/bin/quota-broker', 'daemon'],
    });
    const nulled = readSystemdUnit('[Service]\nExecStart=/x daemon\nStandardOutput=null\n');
    expect(nulled.stderr).toBe('null');
    expect(isDiscardedOutput(nulled.stdout)).toBe(true);
    expect(isDiscardedOutput('append:/dev/null')).toBe(true);
    expect(isDiscardedOutput('file:/dev/null')).toBe(true);
    expect(isDiscardedOutput('journal')).toBe(false);
    expect(splitExecStart(`@"/a b/node" '/c d' "\\"q\\"" 100%% $$HOME`)).toEqual([
      '/a b/node',
      '/c d',
      '"q"',
      '100%',
      '$HOME',
    ]);
  });
});

describe('getLaunchdPlist', () => {
  const plist = getLaunchdPlist(spec);

  it('is a KeepAlive-on-failure agent logging to the state dir', () => {
    expect(plist).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<!DOCTYPE plist/);
    expect(plist).toContain('<key>Label</key>\n    <string>com.quota-broker.daemon</string>');
    expect(plist).toContain(
      '<key>KeepAlive</key>\n    <dict>\n      <key>SuccessfulExit</key>\n      <false/>',
    );
    expect(plist).toContain('<key>RunAtLoad</key>\n    <true/>');
    expect(plist).toContain('<key>StandardOutPath</key>\n    <string>/home/me/.qb state/broker.log</string>');
    expect(plist).toContain(
      '<key>StandardErrorPath</key>\n    <string>/home/me/.qb state/broker.log</string>',
    );
    expect(plist).toContain('<string>/home/me/100%&quot;sessions&quot;.yaml</string>');
    // Every element that opens closes (a cheap well-formedness check without plutil).
    for (const tag of ['dict', 'array', 'plist']) {
      expect(plist.split(`<${tag}`).length).toBe(plist.split(`</${tag}>`).length);
    }
  });

  it('reads back as written; a plist without output paths discards the output', () => {
    expect(readLaunchdPlist(plist)).toEqual({
      stdout: '/home/me/.qb state/broker.log',
      stderr: '/home/me/.qb state/broker.log',
      args: ['/usr/bin/node', '/opt/quota broker/bin/quota-broker.cjs', 'daemon'],
    });
    const bare =
      '<plist><dict><key>Label</key><string>x</string><key>Program</key><string>/usr/local/bin/quota-broker</string></dict></plist>';
    expect(readLaunchdPlist(bare)).toEqual({
      stdout: '/dev/null',
      stderr: '/dev/null',
      args: ['/usr/local/bin/quota-broker'],
    });
  });
});

describe('a value with a line break', () => {
  it.each([
    [
      'a variable',
      { env: { ...spec.env, QUOTA_BROKER_NOTE: 'x\nExecStartPre=/bin/sh -c evil' } },
      'QUOTA_BROKER_NOTE',
    ],
    [
      'a carriage return',
      { env: { ...spec.env, QUOTA_BROKER_HOME: '/s\rExecStartPre=/x' } },
      'QUOTA_BROKER_HOME',
    ],
    ['the log path', { logPath: '/home/me/log\n[Service]' }, 'the log path'],
    ['a variable name', { env: { 'QUOTA_BROKER_A\nB': '1' } }, 'the variable name'],
  ])('%s is refused by both generators, naming it', (_label, change, named) => {
    const bad: ServiceSpec = { ...spec, ...change };
    expect(() => getSystemdUnit(bad)).toThrow(named);
    expect(() => getLaunchdPlist(bad)).toThrow(named);
  });
});
