/**
 * The tray's "Run Doctor" in the app's own process: the same verdict and report as `quota-broker doctor`
 * run as a child, without colours, and a failure to run as exit 2 rather than a throw.
 */
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../../electron/run-doctor';
import { createFakeAnthropic, type FakeAnthropic } from '../fake-anthropic';
import { createEngine, createTwoSlotHome } from '../host/support';
import { runCli } from '../support/run-cli';
import type { TempHome } from '../support/temp-home';

let fake: FakeAnthropic;
let home: TempHome;

beforeEach(async () => {
  fake = await createFakeAnthropic();
  home = createTwoSlotHome(fake);
});
afterEach(async () => {
  home.cleanup();
  await fake.close();
});

const firstLines = (text: string) => text.split('\n').slice(0, 3).join('\n');

describe('the doctor run in-process', () => {
  it.each([
    ['healthy slots', () => runCli(['refresh'], home.env())],
    ['a registry that does not parse', async () => writeFileSync(home.registry, 'accounts: [unclosed\n')],
  ])('gives the CLI’s verdict for %s', async (_what, arrange) => {
    await arrange();
    const cli = await runCli(['doctor'], home.env());
    const run = await runDoctor(await createEngine(home), Date.now);
    expect(run.code).toBe(cli.code);
    expect(firstLines(run.output)).toBe(firstLines(cli.stdout.trim()));
    expect(run.output).not.toMatch(/\u001b\[/);
  });

  it('reports a healthy setup as exit 0 and a broken registry as a problem', async () => {
    await runCli(['refresh'], home.env());
    expect((await runDoctor(await createEngine(home), Date.now)).code).toBe(0);
    writeFileSync(home.registry, 'accounts: [unclosed\n');
    const broken = await runDoctor(await createEngine(home), Date.now);
    expect(broken.code).toBe(1);
    expect(broken.output).toMatch(/registry/i);
  });

  it('answers a doctor that cannot run as exit 2 with the reason', async () => {
    const engine = await createEngine(home);
    const failing = {
      ...engine,
      paths: new Proxy(engine.paths, {
        get: () => {
          throw new Error('disk gone');
        },
      }),
    };
    const run = await runDoctor(failing, Date.now);
    expect(run).toEqual({ code: 2, output: 'doctor could not run: disk gone' });
  });
});
