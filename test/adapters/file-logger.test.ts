/**
 * broker.log: the line format the doctor reads, redaction, rotation at 1 MB, and a disk that refuses a
 * line (the line is dropped whole, the caller never sees an exception).
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFileLogger, LOG_MAX_BYTES } from '../../shared/adapters/file-logger';
import { nodeFileSystem } from '../../shared/adapters/fs/node-file-system';
import { getLogErrors } from '../../shared/domain/doctor/log-lines';
import type { FileSystem } from '../../shared/ports/file-system';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qb-log-'));
  file = join(dir, 'state', 'broker.log');
});

describe('the file logger', () => {
  it('writes the line format the doctor reads, with the level padded as before; debug lines are not written', () => {
    const before = Date.now();
    const log = createFileLogger(file, nodeFileSystem, { scope: 'pid 7' });
    log.info('usage fetched', { slot: 'slot-1' });
    log.debug('cycle start');
    log.error('slot slot-2 deactivated: login_dead');
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] \[info\] {2}\[pid 7\] usage fetched \{"slot":"slot-1"\}$/,
    );
    expect(lines[1]).toMatch(/^\[.+\] \[error\] \[pid 7\] slot slot-2 deactivated: login_dead$/);
    const errors = getLogErrors(readFileSync(file, 'utf8'));
    expect(errors.map((e) => e.text)).toEqual(['slot slot-2 deactivated: login_dead']);
    expect(errors[0].at).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'state')).mode & 0o777).toBe(0o700);
  });

  it('redacts tokens in the message and the fields', () => {
    const log = createFileLogger(file, nodeFileSystem);
    log.warn('refresh failed: sk-ant-oat01-test-inlog', { header: 'Bearer sk-ant-ort01-test-field' });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('test-inlog');
    expect(text).not.toContain('test-field');
    expect(text).toContain('sk-ant-[redacted]');
  });

  it('rotates past 1 MB to broker.old.log', () => {
    const log = createFileLogger(file, nodeFileSystem);
    writeFileSync(file, `${'x'.repeat(LOG_MAX_BYTES)}\n`);
    log.info('first line of the new file');
    expect(readdirSync(join(dir, 'state')).sort()).toEqual(['broker.log', 'broker.old.log']);
    expect(readFileSync(file, 'utf8')).toMatch(
      /^\[.+\] \[info\] {2}\[pid \d+\] first line of the new file\n$/,
    );
    expect(statSync(join(dir, 'state', 'broker.old.log')).size).toBe(LOG_MAX_BYTES + 1);
  });

  it('a disk that refuses the line drops it whole, without throwing; the next good write lands', () => {
    let full = true;
    const disk: FileSystem = {
      ...nodeFileSystem,
      appendSync(path, data, mode) {
        if (!full) return nodeFileSystem.appendSync(path, data, mode);
        nodeFileSystem.appendSync(path, String(data).slice(0, 10), mode);
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
    };
    const log = createFileLogger(file, disk);
    log.info('before');
    expect(() => log.error('lost on a full disk')).not.toThrow();
    full = false;
    log.info('after');
    expect(readFileSync(file, 'utf8')).toMatch(/^\[.+\] \[info\] {2}\[pid \d+\] after\n$/);
  });
});
