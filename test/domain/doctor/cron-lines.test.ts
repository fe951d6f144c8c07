import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getCronLines } from '../../../shared/domain/doctor/cron-lines';

const one = (line: string, prefix = '') => getCronLines(`${prefix}${line}`, 'crontab -l')[0] ?? null;

describe('getCronLines', () => {
  it.each([
    ['*/5 * * * * quota-broker refresh >/dev/null 2>&1', true],
    ['*/5 * * * * quota-broker refresh > /dev/null', true],
    ['*/5 * * * * quota-broker refresh 2>/dev/null', true],
    ['*/5 * * * * quota-broker refresh &>/dev/null', true],
    ['*/5 * * * * /opt/qb/bin/quota-broker.cjs refresh 1>>/dev/null', true],
    ['@reboot quota-broker daemon >& /dev/null', true],
    ['*/5 * * * * quota-broker refresh >> ~/qb.log 2>&1', false],
    ['*/5 * * * * quota-broker refresh', false],
  ])('%s → discards: %s', (line, discards) => {
    expect(one(line)).toMatchObject({
      runsBroker: true,
      discardsOutput: discards,
      lineNumber: 1,
      text: line,
    });
  });

  it('MAILTO="" discards the output of jobs that do not write to a file', () => {
    expect(one('*/5 * * * * quota-broker refresh', 'MAILTO=""\n')).toMatchObject({
      lineNumber: 2,
      discardsOutput: true,
    });
    expect(one('*/5 * * * * quota-broker refresh >> /tmp/q.log 2>&1', 'MAILTO=""\n')?.discardsOutput).toBe(
      false,
    );
    expect(one('*/5 * * * * quota-broker refresh', 'MAILTO=me@example.com\n')?.discardsOutput).toBe(false);
  });

  it('keeps home-made Claude refreshers, ignores unrelated jobs and comments', () => {
    const text = [
      '# quota-broker refresh >/dev/null (a comment)',
      '0 3 * * * /usr/bin/backup >/dev/null 2>&1',
      '0 * * * * CLAUDE_CONFIG_DIR=~/.claude-2 claude auth status >/dev/null 2>&1',
      '0 * * * * ~/bin/refresh-tokens.sh ~/.claude-1/.credentials.json > /dev/null',
    ].join('\n');
    expect(
      getCronLines(text, '/etc/cron.d/x').map((l) => [l.lineNumber, l.runsBroker, l.discardsOutput]),
    ).toEqual([
      [3, false, true],
      [4, false, true],
    ]);
  });

  it("recognises the old setup's exact crontab lines: a token refresher and a cache writer", () => {
    const text = readFileSync(join(import.meta.dirname, '../../fixtures/legacy-setup/crontab.txt'), 'utf8');
    expect(getCronLines(text, 'crontab -l').map((l) => [l.lineNumber, l.kind, l.discardsOutput])).toEqual([
      [2, 'refresher', true],
      [3, 'cache_writer', true],
    ]);
  });

  it.each([
    ['0 * * * * bash ~/_claude-configs/x/run.sh', 'claude'],
    ['0 * * * * ~/hot-swap/swap.sh', 'claude'],
    ['0 * * * * ~/bin/refresh_token.py', 'refresher'],
    ['*/5 * * * * node ~/scripts/fetch-quotas.js', 'cache_writer'],
    ['*/5 * * * * ~/bin/quotas.sh > ~/.claude/session-health/x.json', 'cache_writer'],
    ['*/5 * * * * ~/bin/write-session-health.sh', 'cache_writer'],
    ['*/5 * * * * quota-broker refresh', 'broker'],
  ])('%s is %s', (line, kind) => {
    expect(one(line)?.kind).toBe(kind);
  });

  it('a word that merely contains "quota" (repquota) is not a Claude job', () => {
    expect(one('0 0 * * * /usr/sbin/repquota -a > /dev/null')).toBeNull();
  });

  it('never shows a token found on a line', () => {
    const line = one('0 * * * * CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-abcdef123 claude -p hi >/dev/null');
    expect(line?.text).not.toContain('abcdef123');
    expect(line?.text).toContain('sk-ant-[redacted]');
  });
});
