/** Take-over decisions with fake process control: whom the host may stop, and what it says when it cannot. */
import { describe, expect, it } from 'vitest';
import type { BrokerInfo, BrokerSurface } from '../../shared/adapters/broker-lock';
import { canTakeOverFrom, takeOverBroker } from '../../shared/host/takeover';

const OWN_PID = 100;
const holder = (surface: BrokerSurface, pid = 200): BrokerInfo => ({
  pid,
  surface,
  started_at: 0,
  cycle_started_at: null,
  last_cycle_at: null,
});

function harness(info: BrokerInfo | null, opts: { exitsAfterPolls?: number; killThrows?: boolean } = {}) {
  const signals: [number, string][] = [];
  let polls = 0;
  let becameBroker = false;
  return {
    signals,
    becameBroker: () => becameBroker,
    run: () =>
      takeOverBroker({
        getHolder: async () => info,
        kill: (pid, signal) => {
          if (opts.killThrows) throw new Error('EPERM');
          signals.push([pid, signal]);
        },
        isAlive: () => polls++ < (opts.exitsAfterPolls ?? 0),
        becomeBroker: async () => {
          becameBroker = true;
        },
        sleep: async () => undefined,
        waitMs: 50,
        ownPid: OWN_PID,
      }),
  };
}

describe('taking over polling', () => {
  it.each([
    ['daemon', true],
    ['serve', true],
    ['app', false],
    ['refresh', false],
  ] as const)('may stop a %s broker: %s', (surface, allowed) => {
    expect(canTakeOverFrom(holder(surface), OWN_PID)).toBe(allowed);
  });

  it('never stops itself', () => {
    expect(canTakeOverFrom(holder('daemon', OWN_PID), OWN_PID)).toBe(false);
  });

  it('stops the daemon with SIGTERM, waits for it to exit, then becomes the broker', async () => {
    const h = harness(holder('daemon'), { exitsAfterPolls: 3 });
    expect(await h.run()).toEqual({ ok: true, stoppedPid: 200 });
    expect(h.signals).toEqual([[200, 'SIGTERM']]);
    expect(h.becameBroker()).toBe(true);
  });

  it('becomes the broker at once when nobody holds the lock', async () => {
    const h = harness(null);
    expect(await h.run()).toEqual({ ok: true, stoppedPid: null });
    expect(h.signals).toEqual([]);
    expect(h.becameBroker()).toBe(true);
  });

  it.each([
    ['another app', harness(holder('app')), /held by a app run \(pid 200\)/],
    [
      'a broker that will not stop',
      harness(holder('daemon'), { exitsAfterPolls: 1e9 }),
      /did not stop within 0.05 s/,
    ],
    [
      'a broker it may not signal',
      harness(holder('serve'), { killThrows: true }),
      /Could not stop the broker \(pid 200\): EPERM/,
    ],
  ])('explains why it cannot take over from %s, and does not poll', async (_what, h, message) => {
    const result = await h.run();
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(message) });
    expect(h.becameBroker()).toBe(false);
  });
});
