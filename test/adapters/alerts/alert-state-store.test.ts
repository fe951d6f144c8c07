/** The persisted alert state: atomic 0600 writes, quarantine of garbage, the cross-process lock. */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  loadAlertState,
  readOpenEpisodes,
  saveAlertState,
  withAlertStateLock,
} from '../../../shared/adapters/alerts/alert-state-store';
import { nodeFileSystem } from '../../../shared/adapters/fs/node-file-system';
import { createEmptyAlertState } from '../../../shared/domain/alerts/state';
import { dead, runSequence, slot, T0 } from '../../domain/alerts/helpers';
import type { TempHome } from './helpers';
import { createRecordingLogger, createTempHome } from './helpers';

let home: TempHome;
beforeEach(async () => {
  home = await createTempHome();
});
afterEach(async () => {
  await home.cleanup();
});

const someState = () =>
  runSequence([{ now: T0, slots: (n) => ({ a: slot(n), b: dead(n) }), delivered: [] }])[0].next;

describe('alert state store', () => {
  it('starts empty when there is no file', async () => {
    expect(await loadAlertState(home.paths.alertState, createRecordingLogger())).toEqual(
      createEmptyAlertState(),
    );
  });

  it('round-trips the state in a 0600 file and leaves no temp files', async () => {
    const state = someState();
    await saveAlertState(home.paths.alertState, state, nodeFileSystem);
    expect(await loadAlertState(home.paths.alertState, createRecordingLogger())).toEqual(state);
    expect((await stat(home.paths.alertState)).mode & 0o777).toBe(0o600);
    expect(await readdir(dirname(home.paths.alertState))).toEqual(['alert-state.json']);
  });

  it('quarantines a garbage file instead of overwriting it, and warns', async () => {
    await mkdir(dirname(home.paths.alertState), { recursive: true });
    await writeFile(home.paths.alertState, '{"version": 1, "episodes": {');
    const logger = createRecordingLogger();
    expect(await loadAlertState(home.paths.alertState, logger, { now: 42 })).toEqual(createEmptyAlertState());
    const aside = `${home.paths.alertState}.corrupt-42`;
    expect(await readFile(aside, 'utf8')).toBe('{"version": 1, "episodes": {');
    expect(logger.text()).toMatch(
      /warn Alert state .* could not be read; moved it to alert-state.json.corrupt-42/,
    );
  });

  it('read-only readers neither rename nor fail', async () => {
    await mkdir(dirname(home.paths.alertState), { recursive: true });
    await writeFile(home.paths.alertState, 'garbage');
    expect(await readOpenEpisodes(home.paths.alertState)).toEqual([]);
    expect(await readFile(home.paths.alertState, 'utf8')).toBe('garbage');
  });

  it('readOpenEpisodes lists what status and doctor show', async () => {
    await saveAlertState(home.paths.alertState, someState(), nodeFileSystem);
    expect((await readOpenEpisodes(home.paths.alertState)).map((e) => e.id)).toEqual(['login_dead:b']);
  });

  it('the lock serialises concurrent critical sections', async () => {
    const logger = createRecordingLogger();
    const events: string[] = [];
    const section = (name: string) =>
      withAlertStateLock(home.paths.alertState, logger, nodeFileSystem, async () => {
        events.push(`${name}:in`);
        await new Promise((r) => setTimeout(r, 50));
        events.push(`${name}:out`);
      });
    await Promise.all([section('a'), section('b')]);
    expect(
      [events.slice(0, 2), events.slice(2)].map((pair) => pair[0].split(':')[0] === pair[1].split(':')[0]),
    ).toEqual([true, true]);
  });
});
