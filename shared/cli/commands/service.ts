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
import { redact } from '../../domain/redact';
import type { ServiceStatusJson } from '../../domain/schemas/output/service';
import { isDiscardedOutput } from '../../domain/service/read-service-file';
import { findUnsafeServiceValue, getServiceEnv, type ServiceSpec } from '../../domain/service/service-spec';
import { CliError, EXIT_USAGE } from '../cli-error';
import type { CliContext } from '../context';
import { getColours, shouldColour } from '../format';
import { getBinPath } from '../self-command';

export const SERVICE_HELP = `Usage: quota-broker service install|uninstall|status [--json]

Runs "quota-broker daemon" in the background, started at login and restarted when it
fails: a launchd agent on macOS (~/Library/LaunchAgents/com.quota-broker.daemon.plist)
or a systemd user unit on Linux (~/.config/systemd/user/quota-broker.service).

  install     write the file and start it (systemctl --user daemon-reload && enable
              --now; launchctl bootstrap). It runs this node and this quota-broker by
              absolute path, keeps the QUOTA_BROKER_* variables and PATH of this shell,
              and appends its output to <state dir>/broker.log (never /dev/null).
              Run it again after moving or upgrading quota-broker.
  uninstall   stop it and remove the file
  status      whether it is installed, running, and where its output goes; exit 1
              when it is not installed, discards its output or runs a program
              that is gone (--json: schema in docs/json.md)

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

/** What `service status` finds (docs/json.md; schema: domain/schemas/output/service.ts). */
async function getServiceStatusJson(ctx: CliContext): Promise<ServiceStatusJson> {
  const o = installerOptions(ctx);
  const facts = await readServiceFacts(o.platform, o.home, o.env);
  const state = facts.installed ? await getServiceState(o) : null;
  const discarded = [facts.stdout, facts.stderr].some(isDiscardedOutput);
  return {
    kind: facts.kind,
    path: facts.path,
    installed: facts.installed,
    state: state?.state ?? null,
    detail: state?.detail ?? null,
    command: facts.command,
    stdout: facts.stdout,
    stderr: facts.stderr,
    output_discarded: discarded,
    missing_program: facts.missingProgram,
    healthy: facts.installed && !discarded && !facts.missingProgram,
  };
}

async function status(ctx: CliContext, json: boolean): Promise<number> {
  const s = await getServiceStatusJson(ctx);
  const code = s.healthy ? 0 : 1;
  if (json) {
    ctx.stdout.write(`${redact(JSON.stringify(s, null, 2))}\n`);
    return code;
  }
  if (!s.installed) {
    ctx.stdout.write(
      `Not installed (${s.path ?? 'no service support on this platform'}). Install: quota-broker service install\n`,
    );
    return code;
  }
  ctx.stdout.write(
    `${s.kind} service: ${s.path}\n  runs:   ${s.command ?? '?'}\n  output: ${s.stdout ?? 'the journal'}\n  state:  ${s.state} (${s.detail})\n`,
  );
  if (s.output_discarded)
    ctx.stdout.write('  its output goes to /dev/null: run: quota-broker service install\n');
  if (s.missing_program)
    ctx.stdout.write(`  ${s.missing_program} does not exist: run: quota-broker service install\n`);
  return code;
}

/** Runs `service install|uninstall|status` (checked against commands/table.ts before it gets here). */
export async function serviceCommand(
  ctx: CliContext,
  sub: string,
  flags: { json?: boolean } = {},
): Promise<number> {
  try {
    if (sub === 'install') return await install(ctx);
    if (sub === 'uninstall') return await uninstall(ctx);
    if (sub === 'status') return await status(ctx, Boolean(flags.json));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError((e as Error).message);
  }
  throw new CliError(`service has no subcommand "${sub}". Run: quota-broker service --help`, EXIT_USAGE);
}
