/** The tray menu's items: each reaches the host, the in-process dashboard or the doctor; failures become a dialog. */
import { describe, expect, it } from 'vitest';
import type { DoctorRun } from '../../electron/run-doctor';
import { createTrayActions, type TrayActionDeps } from '../../electron/tray-actions';
import { createMemoryLogger } from '../../shared/adapters/file-logger';

type Message = [title: string, detail: string, kind: 'info' | 'error'];

function harness(over: Partial<TrayActionDeps> = {}) {
  const messages: Message[] = [];
  const calls: string[] = [];
  const actions = createTrayActions({
    host: {
      refreshNow: async () => {
        calls.push('refresh');
        return { ok: false, error: { code: 'refresh_failed', message: 'usage endpoint down' } };
      },
      takeOver: async () => ({ ok: false, message: 'The broker (pid 9) did not stop within 10 s.' }),
    },
    dashboard: {
      open: async () => {
        calls.push('dashboard');
      },
    },
    runDoctor: async (): Promise<DoctorRun> => ({ code: 1, output: '✗ slot-2: login dead' }),
    logger: createMemoryLogger(),
    openLog: async () => '/tmp/main.log',
    showMessage: (title, detail, kind) => messages.push([title, detail, kind]),
    setLaunchAtLogin: () => undefined,
    setGlanceMode: async () => undefined,
    setGlanceForm: async () => undefined,
    quit: () => undefined,
    ...over,
  });
  return { actions, messages, calls };
}

describe('tray actions', () => {
  it('opens the in-process dashboard and says nothing when it worked', async () => {
    const h = harness();
    await h.actions.openDashboard();
    expect(h.calls).toEqual(['dashboard']);
    expect(h.messages).toEqual([]);
  });

  it('shows why the dashboard could not open', async () => {
    const h = harness({ dashboard: { open: async () => Promise.reject(new Error('EADDRINUSE')) } });
    await h.actions.openDashboard();
    expect(h.messages).toEqual([['Open dashboard failed', 'EADDRINUSE', 'error']]);
  });

  it.each([
    [0, 'Doctor: all healthy', 'info'],
    [1, 'Doctor found problems', 'error'],
    [2, 'Doctor found problems', 'error'],
  ] as const)('shows the doctor’s report for exit %i as “%s”', async (code, title, kind) => {
    const h = harness({ runDoctor: async () => ({ code, output: 'report' }) });
    await h.actions.runDoctor();
    expect(h.messages).toEqual([[title, 'report', kind]]);
  });

  it('turns a failed refresh or take-over into a dialog with the host’s words', async () => {
    const h = harness();
    await Promise.all([h.actions.refreshNow(), h.actions.takeOver()]);
    expect(h.messages).toEqual([
      ['Refresh failed', 'usage endpoint down', 'error'],
      ['Take over failed', 'The broker (pid 9) did not stop within 10 s.', 'error'],
    ]);
  });
});
