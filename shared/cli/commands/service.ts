/** `quota-broker service install|uninstall|status`: run the daemon as a launchd agent or systemd user unit. */
import { readServiceFacts } from '../../adapters/doctor/read-service-facts';
import {
  getServiceState,
  type InstallerOptions,
  installService,
  uninstallService,
} from '../../adapters/service/installer';
import { createServiceToolRunner } from '../../adapters/service/run-service-tool';
import { getTransientInstallWarning } from '../../domain/install-location';
import { isDiscardedOutput } from '../../domain/service/read-service-file';
import { findUnsafeServiceValue, getServiceEnv, type ServiceSpec } from '../../domain/service/service-spec';
import { CliError, EXIT_USAGE } from '../cli-error';
import type { CliContext } from '../context';
import { getColours, shouldColour } from '../format';
import { getBinPath } from '../self-command';

export const SERVICE_HELP = `Usage: quota-broker service install|uninstall|status

Runs "quota-broker daemon" in the background, started at login and restarted when it
fails: a launchd agent on macOS (~/Library/LaunchAgents/com.quota-broker.daemon.plist)
or a systemd user unit on Linux (~/.config/systemd/user/quota-broker.service).

  install     write the file and start it (systemctl --user daemon-reload && enable
              --now; launchctl bootstrap). It runs this node and this quota-broker by
              absolute path, keeps the QUOTA_BROKER_* variables and PATH of this shell,
              and appends its output to <state dir>/broker.log (never /dev/null).
              Run it again after moving or upgrading quota-broker.
  uninstall   stop it and remove the file
  status      whether it is installed, running, and where its output goes

Exit 0 on success; install exits 1 when the file was written but the service manager
could not start it (e.g. no user systemd in a container) and prints how to start it.`;

function installerOptions(ctx: CliContext): InstallerOptions {
  return {
    platform: process.platform,
    home: ctx.deps.paths.home,
    env: ctx.deps.env,
    uid: process.getuid?.() ?? 0,
    run: createServiceToolRunner(ctx.deps.env),
  };
}

async function install(ctx: CliContext): Promise<number> {
  const c = getColours(shouldColour(ctx.stdout, ctx.deps.env));
  const spec: ServiceSpec = {
    nodePath: process.execPath,
    binPath: getBinPath(),
    logPath: ctx.deps.paths.log,
    env: getServiceEnv(ctx.deps.env),
    appVersion: __APP_VERSION__,
  };
  const unsafe = findUnsafeServiceValue(spec);
  if (unsafe)
    throw new CliError(
      `service install refuses ${unsafe}: it holds a line break or NUL, which would add lines of its own to the service file. Nothing was written; fix it and run it again.`,
      2,
    );
  const r = await installService(spec, installerOptions(ctx));
  const what = r.location.kind === 'systemd' ? 'systemd user unit' : 'launchd agent';
  ctx.stdout.write(
    `Wrote the ${what} ${r.location.file}\n` +
      `  runs:   ${spec.nodePath} ${spec.binPath} daemon\n` +
      `  output: ${spec.logPath} (stdout and stderr, appended)\n` +
      '  restarts on failure\n',
  );
  const warning = getTransientInstallWarning(spec.binPath);
  if (warning) ctx.stderr.write(`${warning}\n`);
  if (r.started) {
    ctx.stdout.write(`${c.green('Started.')} Check it with: quota-broker doctor\n`);
    return 0;
  }
  ctx.stderr.write(
    `The service was NOT started: ${r.problem}\n` +
      `Start it where a user service manager runs with:\n${r.startCommands.map((s) => `  ${s}\n`).join('')}` +
      'or keep "quota-broker daemon" running another way.\n',
  );
  return 1;
}

async function uninstall(ctx: CliContext): Promise<number> {
  const r = await uninstallService(installerOptions(ctx));
  if (!r.removed) {
    ctx.stdout.write(`No service was installed (${r.location.file}).\n`);
    return 0;
  }
  ctx.stdout.write(`Removed ${r.location.file}.\n`);
  if (r.problem) ctx.stderr.write(`It may still be running until the next login: ${r.problem}\n`);
  return 0;
}

async function status(ctx: CliContext): Promise<number> {
  const o = installerOptions(ctx);
  const facts = await readServiceFacts(o.platform, o.home, o.env);
  if (!facts.installed) {
    ctx.stdout.write(
      `Not installed (${facts.path ?? 'no service support on this platform'}). Install: quota-broker service install\n`,
    );
    return 1;
  }
  const state = await getServiceState(o);
  ctx.stdout.write(
    `${facts.kind} service: ${facts.path}\n  runs:   ${facts.command ?? '?'}\n  output: ${facts.stdout ?? 'the journal'}\n  state:  ${state.state} (${state.detail})\n`,
  );
  const discarded = [facts.stdout, facts.stderr].some(isDiscardedOutput);
  if (discarded) ctx.stdout.write('  its output goes to /dev/null: run: quota-broker service install\n');
  if (facts.missingProgram)
    ctx.stdout.write(`  ${facts.missingProgram} does not exist: run: quota-broker service install\n`);
  return facts.missingProgram || discarded ? 1 : 0;
}

/** Runs `service install|uninstall|status` (checked against commands/table.ts before it gets here). */
export async function serviceCommand(ctx: CliContext, sub: string): Promise<number> {
  try {
    if (sub === 'install') return await install(ctx);
    if (sub === 'uninstall') return await uninstall(ctx);
    if (sub === 'status') return await status(ctx);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError((e as Error).message);
  }
  throw new CliError(`service has no subcommand "${sub}". Run: quota-broker service --help`, EXIT_USAGE);
}
