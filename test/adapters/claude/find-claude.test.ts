import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claudeVersion, findClaude, parseClaudeVersion } from '../../../shared/adapters/claude/find-claude';
import { makeStandInClaude } from './stand-in-claude';

const standIn = makeStandInClaude();
afterAll(() => standIn.cleanup());

describe('findClaude', () => {
  it('finds claude on PATH, skipping empty entries, directories and non-executables', () => {
    const other = join(standIn.dir, 'other');
    mkdirSync(join(other, 'claude'), { recursive: true });
    const plain = join(standIn.dir, 'plain');
    mkdirSync(plain, { recursive: true });
    writeFileSync(join(plain, 'claude'), 'not executable');
    chmodSync(join(plain, 'claude'), 0o644);
    expect(findClaude({ PATH: ['', other, plain, standIn.dir].join(':') })).toBe(standIn.bin);
  });

  it('returns null when nothing is found', () => {
    expect(findClaude({ PATH: '/nonexistent-dir' })).toBeNull();
    expect(findClaude({})).toBeNull();
    expect(findClaude({ PATH: standIn.dir, QUOTA_BROKER_CLAUDE: '/nonexistent/claude' })).toBeNull();
  });

  it('honours QUOTA_BROKER_CLAUDE as a path or as a command name', () => {
    expect(findClaude({ PATH: '', QUOTA_BROKER_CLAUDE: standIn.bin })).toBe(standIn.bin);
    const renamed = join(standIn.dir, 'my-claude');
    writeFileSync(renamed, '#!/bin/sh\n');
    chmodSync(renamed, 0o755);
    expect(findClaude({ PATH: standIn.dir, QUOTA_BROKER_CLAUDE: 'my-claude' })).toBe(renamed);
  });
});

describe('claudeVersion', () => {
  it('parses version strings', () => {
    expect(parseClaudeVersion('2.1.332 (Claude Code)\n')).toBe('2.1.332');
    expect(parseClaudeVersion('claude 3.0.0-beta.1')).toBe('3.0.0-beta.1');
    expect(parseClaudeVersion('nonsense')).toBeNull();
  });

  it('runs --version', async () => {
    expect(await claudeVersion(standIn.bin)).toBe('2.1.332');
    expect(await claudeVersion(join(standIn.dir, 'missing'))).toBeNull();
  });

  it('gives up after the timeout', async () => {
    const env = { ...process.env, FAKE_CLAUDE_VERSION: 'hang' };
    expect(await claudeVersion(standIn.bin, { env, timeoutMs: 300 })).toBeNull();
  });
});
