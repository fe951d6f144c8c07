/**
 * Reading `claude-sessions.yaml` through the registry schema: what a good file gives, and for each kind
 * of mistake a person makes, the sentence they get — the file, the line and column of the bad value, the
 * key, what is allowed and what was found.
 */
import { describe, expect, it } from 'vitest';
import {
  parseRegistryDocument,
  RegistryError,
  readRegistry,
  readRegistryWithWarnings,
} from '../../../shared/adapters/registry/parse-registry';
import { parseStoredRegistry } from '../../../shared/domain/schemas/registry';

const FILE = '/home/me/.claude/session-health/claude-sessions.yaml';
const read = (text: string) => readRegistry(parseRegistryDocument(text, FILE), FILE);

function errorOf(text: string): RegistryError {
  try {
    read(text);
  } catch (e) {
    if (e instanceof RegistryError) return e;
    throw e;
  }
  throw new Error('no error');
}

const GOOD = `# my slots
accounts:
  - id: work
    email: me@work.example
    config_dir: /home/me/.claude-work
    status: inactive
    label: Work
  - id: home
    default: true
    enabled: false
settings:
  refresh_interval_s: 120
  token_refresh: locked
  statusline_format: "{five_hour}"
  tray_title: in_use
  alerts:
    thresholds: { five_hour: [90] }
    quiet_hours: { start: "22:00", end: "7:00", time_zone: Europe/Berlin }
`;

describe('the slot registry', () => {
  it('a good file: every account and setting, defaults for the rest', () => {
    expect(read(GOOD)).toEqual({
      slots: [
        {
          id: 'work',
          config_dir: '/home/me/.claude-work',
          email: 'me@work.example',
          label: 'Work',
          status: 'inactive',
          enabled: true,
        },
        { id: 'home', config_dir: '~/.claude', status: 'active', enabled: false, default: true },
      ],
      settings: {
        refresh_interval_s: 120,
        stale_threshold_s: 600,
        token_refresh: 'locked',
        request_timeout_s: 15,
        token_timeout_s: 45,
        max_calls_per_hour: 12,
        observation_fresh_s: 300,
        statusline_format: '{five_hour}',
        tray_title: 'in_use',
        alerts: {
          thresholds: { five_hour: [90] },
          quiet_hours: { start: '22:00', end: '7:00', time_zone: 'Europe/Berlin' },
        },
      },
    });
  });

  it('config_dir is used exactly as written, only NFC-normalised (Claude Code hashes that string)', () => {
    const decomposed = '/home/me/.claude-cafe\u0301/';
    const [slot] = read(`accounts:\n  - id: a\n    config_dir: "${decomposed}"\n`).slots;
    expect(slot.config_dir).toBe('/home/me/.claude-caf\u00e9/');
  });

  it.each([
    [
      'accounts:\n  - id: Work\n    config_dir: /x\n',
      '2:9',
      'accounts[0].id must match [a-z0-9-]+, at most 64 characters (got "Work")',
    ],
    [
      'accounts:\n  - config_dir: /x\n',
      '2:5',
      'accounts[0].id must match [a-z0-9-]+, at most 64 characters (got null)',
    ],
    ['accounts:\n  - id: a\n', '2:5', 'slot a has no config_dir'],
    ['accounts:\n  - id: a\n    config_dir: ""\n', '2:5', 'slot a has no config_dir'],
    [
      'accounts:\n  - id: a\n    config_dir: /x\n    status: paused\n',
      '4:13',
      'slot a: status must be active or inactive (got "paused")',
    ],
    [
      'accounts:\n  - id: a\n    config_dir: /x\n    default: "yes"\n',
      '4:14',
      'slot a: default must be true or false (got "yes"; YAML reads yes/no/on/off as text)',
    ],
    ['accounts:\n  - just a string\n', '2:5', 'accounts[0] is not a mapping'],
    ['accounts: 5\n', '1:11', 'accounts must be a list'],
    [
      'accounts:\n  - id: a\n    config_dir: /x\n  - id: a\n    config_dir: /y\n',
      '4:9',
      'slot id a appears twice',
    ],
    [
      'settings:\n  refresh_interval_s: 30\n',
      '2:23',
      'settings.refresh_interval_s must be from 60 to 86400 (got 30)',
    ],
    [
      'settings:\n  stale_threshold_s: -5\n',
      '2:22',
      'settings.stale_threshold_s must be from 1 to 604800 (got -5)',
    ],
    [
      'settings:\n  request_timeout_s: "15"\n',
      '2:22',
      'settings.request_timeout_s must be from 1 to 300 (got "15")',
    ],
    ['settings:\n  token_timeout_s: 60\n', '2:20', 'settings.token_timeout_s must be from 1 to 55 (got 60)'],
    [
      'settings:\n  token_refresh: always\n',
      '2:18',
      'settings.token_refresh must be delegate, locked or never (got "always")',
    ],
    ['settings: 5\n', '1:11', 'settings must be a mapping'],
    ['just text\n', '1:1', 'the top level must be a mapping with accounts: and settings: (got "just text")'],
  ])('%j → line:col %s, "%s"', (text, where, message) => {
    const e = errorOf(text);
    expect(e.message).toBe(
      `${FILE}:${where}: ${message}. Fix the file; the broker keeps using the last good registry and will not overwrite it.`,
    );
    expect(`${e.line}:${e.col}`).toBe(where);
  });

  it('YAML that does not parse names its line and column too', () => {
    const e = errorOf('accounts:\n  - id: a\n    config_dir: [unclosed\n');
    expect(e.message).toMatch(new RegExp(`^${FILE}:\\d+:\\d+: the slot registry is not valid YAML`));
    expect(e.line).not.toBeNull();
  });

  it('bad alert settings do not reject the file: they are left out and each is reported once', () => {
    const text = `settings:\n  alerts:\n    enabled: "yes"\n    thresholds: { five_hour: [120], seven_day: [50] }\n    quiet_hours: { start: "22:00", end: "08:00", time_zone: Mars/Base }\n`;
    const { registry, warnings } = readRegistryWithWarnings(parseRegistryDocument(text, FILE), FILE);
    expect(registry.settings.alerts).toEqual({
      thresholds: { seven_day: [50] },
      quiet_hours: { start: '22:00', end: '08:00' },
    });
    expect(warnings).toEqual([
      'settings.alerts.enabled must be true or false (got "yes"); using true.',
      'settings.alerts.thresholds.five_hour must be a list of percentages between 1 and 100, e.g. [80, 95] (got [120]).',
      'settings.alerts.quiet_hours.time_zone must be an IANA zone like "Europe/Berlin" (got "Mars/Base"); using local time.',
    ]);
  });

  it('a tray_title or statusline_format it cannot use is ignored, as before (the defaults apply)', () => {
    const { settings } = read('settings:\n  tray_title: sideways\n  statusline_format: 5\n');
    expect(settings.tray_title).toBeUndefined();
    expect(settings.statusline_format).toBeUndefined();
  });

  it('the registry read back from engine-state.json is the same registry, key order included', () => {
    const registry = read(GOOD);
    const stored = JSON.parse(JSON.stringify(registry));
    expect(JSON.stringify(parseStoredRegistry(stored))).toBe(JSON.stringify(registry));
    expect(parseStoredRegistry({ slots: 'x', settings: {} })).toBeNull();
  });
});
