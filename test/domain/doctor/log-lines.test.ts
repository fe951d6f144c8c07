import { describe, expect, it } from 'vitest';
import { getLogErrors } from '../../../shared/domain/doctor/log-lines';

describe('getLogErrors', () => {
  it('reads the file logger format, errors only, with local times', () => {
    const text = [
      '[2026-02-08 10:00:00.123] [info]  [pid 1] cycle start',
      '[2026-02-08 10:00:01.500] [error] [pid 1] slot slot-2 deactivated: login_dead {"slot":"slot-2"}',
      'a continuation line',
      '[2026-02-08 10:05:00.000] [warn]  [pid 1] usage call skipped',
    ].join('\n');
    expect(getLogErrors(text)).toEqual([
      {
        at: new Date(2026, 1, 8, 10, 0, 1, 500).getTime(),
        text: 'slot slot-2 deactivated: login_dead {"slot":"slot-2"}',
      },
    ]);
  });

  it('keeps the newest `limit`, redacts and shortens', () => {
    const lines = Array.from(
      { length: 30 },
      (_, i) =>
        `[2026-02-08 10:00:${String(i).padStart(2, '0')}.000] [error] [pid 1] e${i} sk-ant-oat01-secret${'x'.repeat(300)}`,
    );
    const errors = getLogErrors(lines.join('\n'), 5);
    expect(errors).toHaveLength(5);
    expect(errors[0].text.startsWith('e25 sk-ant-[redacted]')).toBe(true);
    expect(errors[0].text.length).toBeLessThanOrEqual(200);
  });
});
