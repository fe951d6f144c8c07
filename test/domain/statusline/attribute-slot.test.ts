import { describe, expect, it } from 'vitest';
import { isSameConfigDir, normalizeConfigDir } from '../../../shared/domain/config-dir';
import { getStatuslineSlot } from '../../../shared/domain/statusline/attribute-slot';

const HOME = '/home/me';
const slots = {
  'slot-1': { config_dir: '/home/me/.claude-work' },
  'slot-2': { config_dir: '/home/me/.claude' },
  'slot-3': { config_dir: '~/.claude-client/' },
  'slot-4': { config_dir: '/home/me/.claude-work/nested' },
};
const base = { envConfigDir: undefined, transcriptPath: undefined, slots, recommended: 'slot-1', home: HOME };

describe('getStatuslineSlot', () => {
  it.each([
    ['exact CLAUDE_CONFIG_DIR', '/home/me/.claude-work', 'slot-1'],
    ['trailing slash', '/home/me/.claude-work//', 'slot-1'],
    ['tilde in the env', '~/.claude-work', 'slot-1'],
    ['tilde and slash in the registry', '/home/me/.claude-client', 'slot-3'],
    ['NFD vs NFC', '/home/me/.claude-cafe\u0301', 'slot-5'],
  ])('by env: %s', (_name, env, expected) => {
    const withCafe = { ...slots, 'slot-5': { config_dir: '/home/me/.claude-café' } };
    const got = getStatuslineSlot({ ...base, slots: withCafe, envConfigDir: env });
    expect(got).toEqual({ slotId: expected, configDir: env, by: 'env', certain: true });
  });

  it('by env wins over the transcript path', () => {
    const got = getStatuslineSlot({
      ...base,
      envConfigDir: '/home/me/.claude-work',
      transcriptPath: '/home/me/.claude/projects/p/s.jsonl',
    });
    expect(got.slotId).toBe('slot-1');
  });

  it('an env dir that is not a configured slot is unknown, never another account', () => {
    const got = getStatuslineSlot({
      ...base,
      envConfigDir: '/home/me/.claude-new',
      transcriptPath: '/home/me/.claude/projects/p/s.jsonl',
    });
    expect(got).toEqual({ slotId: null, configDir: '/home/me/.claude-new', by: 'env', certain: true });
  });

  it.each([
    ['/home/me/.claude-work/projects/-home-me-proj/s.jsonl', 'slot-1'],
    ['/home/me/.claude/projects/-home-me-proj/s.jsonl', 'slot-2'],
    ['/home/me/.claude-client/projects/p/s.jsonl', 'slot-3'],
    ['/home/me/.claude-work/nested/projects/p/s.jsonl', 'slot-4'],
  ])('by transcript path %s', (transcriptPath, expected) => {
    const got = getStatuslineSlot({ ...base, transcriptPath });
    expect(got).toMatchObject({ slotId: expected, by: 'transcript' });
  });

  it('a sibling dir with a common prefix does not match (.claude vs .claude-workbench)', () => {
    const got = getStatuslineSlot({
      ...base,
      slots: { a: { config_dir: '/home/me/.claude-work' } },
      transcriptPath: '/home/me/.claude-workbench/projects/p/s.jsonl',
    });
    expect(got.by).toBe('default');
  });

  it.each([
    ['the ~/.claude slot', slots, 'slot-1', 'slot-2', true],
    [
      'else the recommended slot (a guess)',
      { a: { config_dir: '/x/a' }, b: { config_dir: '/x/b' } },
      'b',
      'b',
      false,
    ],
    [
      'else the first slot (a guess)',
      { a: { config_dir: '/x/a' }, b: { config_dir: '/x/b' } },
      'gone',
      'a',
      false,
    ],
    [
      '~/.claude written with a tilde',
      { a: { config_dir: '/x/a' }, b: { config_dir: '~/.claude' } },
      'a',
      'b',
      true,
    ],
  ])('by default: %s', (_name, s, recommended, expected, certain) => {
    const got = getStatuslineSlot({ ...base, slots: s, recommended });
    expect(got).toMatchObject({ slotId: expected, by: 'default', certain });
  });

  it('a transcript outside every slot makes the default slot a guess, keyed by the transcript’s dir', () => {
    const got = getStatuslineSlot({ ...base, transcriptPath: '/home/me/.claude-x/projects/p/s.jsonl' });
    expect(got).toEqual({ slotId: 'slot-2', configDir: '/home/me/.claude-x', by: 'default', certain: false });
    const noHomeSlot = getStatuslineSlot({
      ...base,
      slots: { a: { config_dir: '/x/a' } },
      transcriptPath: '/home/me/.claude-x/projects/p/s.jsonl',
    });
    expect(noHomeSlot).toEqual({
      slotId: 'a',
      configDir: '/home/me/.claude-x',
      by: 'default',
      certain: false,
    });
  });

  it('a session without CLAUDE_CONFIG_DIR belongs to the slot marked as the default account', () => {
    const marked = {
      explicit: { config_dir: '/home/me/.claude' }, // CLAUDE_CONFIG_DIR=$HOME/.claude: another keychain item
      main: { config_dir: '~/.claude', default_account: true },
    };
    const got = getStatuslineSlot({ ...base, slots: marked, recommended: null });
    expect(got).toMatchObject({ slotId: 'main', by: 'default', certain: true });
  });

  it('without a cache: no slot, config dir from the transcript or ~/.claude', () => {
    expect(getStatuslineSlot({ ...base, slots: null })).toEqual({
      slotId: null,
      configDir: '/home/me/.claude',
      by: 'default',
      certain: true,
    });
    expect(
      getStatuslineSlot({ ...base, slots: null, transcriptPath: '/home/me/.c2/projects/p/s.jsonl' })
        .configDir,
    ).toBe('/home/me/.c2');
  });

  it('ignores slots whose config_dir is not a string (garbage cache)', () => {
    const got = getStatuslineSlot({
      ...base,
      slots: { bad: {}, ok: { config_dir: '/x' } },
      recommended: null,
    });
    expect(got.slotId).toBe('ok');
  });
});

describe('config dir comparison', () => {
  it.each([
    ['/a/b', '/a/b/', true],
    ['~', HOME, true],
    ['/', '//', true],
    ['/a/b', '/a/bc', false],
  ])('%s ~ %s', (a, b, same) => {
    expect(isSameConfigDir(a, b, HOME)).toBe(same);
  });
  it('keeps the root', () => {
    expect(normalizeConfigDir('///', HOME)).toBe('/');
  });
});
