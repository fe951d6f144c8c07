import { describe, expect, it } from 'vitest';
import {
  type FoundLogin,
  type FoundRegistry,
  getDiscoveredSlotId,
  planAdoption,
} from '../../shared/domain/adopt';
import type { SlotConfig } from '../../shared/domain/types';

const HOME = '/home/me';
const slot = (id: string, config_dir: string, over: Partial<SlotConfig> = {}): SlotConfig => ({
  id,
  config_dir,
  status: 'active',
  enabled: true,
  ...over,
});
const login = (configDir: string, over: Partial<FoundLogin> = {}): FoundLogin => ({
  configDir,
  isDefault: false,
  login: 'ok',
  email: null,
  ...over,
});
const registry = (path: string, slots: SlotConfig[], over: Partial<FoundRegistry> = {}): FoundRegistry => ({
  path,
  inUse: false,
  state: 'ok',
  slots,
  error: null,
  ...over,
});
const OLD = registry('/home/me/_claude-configs/hot-swap/claude-sessions.yaml', [
  slot('slot-2', '~/.claude-2', { email: 'two@example.com', label: 'Two' }),
  slot('slot-1', '~/.claude-1', { email: 'one@example.com', status: 'inactive' }),
]);

describe('planAdoption', () => {
  it("keeps an old registry's ids, emails, labels and order, then adds the home dir's other logins", () => {
    const plan = planAdoption({
      registries: [OLD],
      logins: [
        login('~/.claude', { isDefault: true, email: 'me@example.com' }),
        login('~/.claude-1', { login: 'logged_out' }),
        login('~/.claude-2'),
        login('~/.claude-3', { email: 'three@example.com' }),
        login('~/.claude-none', { login: 'absent' }),
      ],
      existing: [],
      home: HOME,
    });
    expect(plan.map((c) => [c.id, c.config_dir, c.email, c.label, c.login, c.default])).toEqual([
      ['slot-2', '~/.claude-2', 'two@example.com', 'Two', 'ok', false],
      ['slot-1', '~/.claude-1', 'one@example.com', null, 'logged_out', false],
      ['default', '~/.claude', 'me@example.com', null, 'ok', true],
      ['claude-3', '~/.claude-3', 'three@example.com', null, 'ok', false],
    ]);
  });

  it('a dir already in the registry (however it is spelt) is present; a taken id is renamed', () => {
    const plan = planAdoption({
      registries: [OLD],
      logins: [],
      existing: [slot('mine', '/home/me/.claude-2/'), slot('slot-1', '/elsewhere')],
      home: HOME,
    });
    expect(plan.map((c) => [c.id, c.present, c.renamedFrom])).toEqual([
      ['mine', true, null],
      ['slot-1-2', false, 'slot-1'],
    ]);
  });

  it('the registry in use and a broken one add nothing; the default account is matched by its mark', () => {
    const plan = planAdoption({
      registries: [
        registry('/in/use.yaml', [slot('x', '~/.claude-x')], { inUse: true }),
        registry('/broken.yaml', [], { state: 'error', error: 'bad' }),
      ],
      logins: [login('~/.claude', { isDefault: true })],
      existing: [slot('me', '~/.claude', { default: true })],
      home: HOME,
    });
    expect(plan.map((c) => [c.id, c.present])).toEqual([['me', true]]);
  });

  it.each([
    ['~/.claude-work', false, 'claude-work'],
    ['~/.claude2', false, 'claude2'],
    ['~/.claude-Ünï Cödé', false, 'claude-uni-code'],
    ['~/.claude', true, 'default'],
  ])('the id of %s', (dir, isDefault, id) => {
    expect(getDiscoveredSlotId(dir, isDefault)).toBe(id);
  });
});
