/** The table's own rules: no two operations on one channel or route, argument counts, HTTP matching. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../shared/ipc/dispatch';
import { createHttpRouter } from '../../shared/ipc/http-routes';
import { checkTables } from '../../shared/ipc/operation';
import { EVENTS, OPERATIONS } from '../../shared/ipc/operations';

describe('the operations table', () => {
  it('gives every operation and push its own channel, route and event name', () => {
    expect(() => checkTables(OPERATIONS, EVENTS)).not.toThrow();
    const sameChannel = { ...OPERATIONS, again: { ...OPERATIONS.relogin, path: '/api/again' } };
    expect(() => checkTables(sameChannel)).toThrow(
      'operations relogin and again both use channel slots:relogin',
    );
    const sameRoute = {
      ...OPERATIONS,
      again: { ...OPERATIONS.relogin, channel: 'slots:again', path: '/api/slots/:id/relogin' },
    };
    expect(() => checkTables(sameRoute)).toThrow('both use route POST /api/slots/:/relogin');
  });

  it.each([
    ['getState', [], true],
    ['getState', ['extra'], false],
    ['refreshNow', [], true],
    ['refreshNow', [null], true],
    ['refreshNow', ['slot-1'], true],
    ['refreshNow', ['slot-1', 'slot-2'], false],
    ['setEnabled', ['slot-1'], false],
    ['setEnabled', ['slot-1', true], true],
  ] as const)('%s(%j) passes: %s', (name, args, ok) => {
    expect(parseArgs(name, OPERATIONS[name], args).ok).toBe(ok);
  });

  it('calls refresh-now with an omitted slot as a call without arguments', () => {
    expect(parseArgs('refreshNow', OPERATIONS.refreshNow, [null])).toEqual({ ok: true, args: [] });
  });

  it('routes each path to its operation, and tells a wrong method from an unknown path', () => {
    const router = createHttpRouter(OPERATIONS);
    expect(router.match('POST', '/api/slots/slot-1/relogin/cancel')).toMatchObject({
      ok: true,
      name: 'cancelRelogin',
      params: { slot: 'slot-1' },
    });
    expect(router.match('GET', '/api/slots/a%20b/history')).toMatchObject({
      name: 'getHistory',
      params: { slot: 'a b' },
    });
    expect(router.match('GET', '/api/slots/slot-1/relogin')).toEqual({ ok: false, status: 405 });
    expect(router.match('GET', '/api/slots/slot-1/relogin/')).toEqual({ ok: false, status: 404 });
    expect(router.match('GET', '/api/state.json')).toEqual({ ok: false, status: 404 });
  });
});

describe('docs/ui-contract.md', () => {
  it('lists every operation with the method and path the table gives it', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../docs/ui-contract.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| `(\w+)\([^)]*\)` \| `(GET|POST) ([^`]+)` \|/gm)].map((m) => [
      m[1],
      m[2],
      m[3],
    ]);
    expect(rows).toEqual(Object.entries(OPERATIONS).map(([name, op]) => [name, op.method, op.path]));
  });
});
