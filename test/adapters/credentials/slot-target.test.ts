import { describe, expect, it } from 'vitest';
import { keychainServiceFor } from '../../../shared/adapters/credentials/keychain-naming';
import { getSlotTarget, looksLikeDefaultDir } from '../../../shared/adapters/credentials/slot-target';
import type { SlotConfig } from '../../../shared/domain/types';

const HOME = '/Users/test';
const DEFAULT_DIR = '/Users/test/.claude';
const slot = (config_dir: string, extra: Partial<SlotConfig> = {}): SlotConfig => ({
  id: 's',
  config_dir,
  status: 'active',
  enabled: true,
  ...extra,
});

describe('which keychain item a registry slot reads (docs/claude-code.md vectors)', () => {
  it.each([
    [slot('~/.claude', { default: true }), 'Claude Code-credentials', true],
    [slot('/Users/test/.claude', { default: true }), 'Claude Code-credentials', true],
    [slot('/Users/test/.claude'), 'Claude Code-credentials-462977e4', false],
    [slot('/Users/test/.claude-work'), 'Claude Code-credentials-03abf0ee', false],
    [slot('/Users/test/.claude-work/'), 'Claude Code-credentials-8bd6f0f5', false],
    [slot('~/.claude-work'), 'Claude Code-credentials-03abf0ee', false],
  ])('%o → %s', (s, service, isDefault) => {
    const target = getSlotTarget(s, DEFAULT_DIR, HOME);
    expect(keychainServiceFor(target)).toBe(service);
    expect(target.isDefault).toBe(isDefault);
  });

  it('flags a non-default slot on ~/.claude as a likely missing `default: true`', () => {
    expect(looksLikeDefaultDir(slot('/Users/test/.claude/'), DEFAULT_DIR, HOME)).toBe(true);
    expect(looksLikeDefaultDir(slot('~/.claude', { default: true }), DEFAULT_DIR, HOME)).toBe(false);
    expect(looksLikeDefaultDir(slot('/Users/test/.claude-2'), DEFAULT_DIR, HOME)).toBe(false);
  });
});
