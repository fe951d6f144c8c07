import type { CycleOptions } from '../../engine/cycle';
import { startDaemon } from '../../engine/daemon';
import type { CliContext } from '../context';

export const DAEMON_HELP = `Usage: quota-broker daemon

Runs the broker in the foreground: polls every slot on its schedule (default every
300 s ±10 %), refreshes tokens, writes the cache and delivers alerts. Logs to
<state dir>/broker.log. When another broker already holds the lock, follows it and
takes over when it stops. SIGUSR1 (or "quota-broker refresh") runs a cycle now.
Stop with Ctrl-C or SIGTERM. To run it as a service: quota-broker service install.`;

export async function daemonCommand(
  ctx: CliContext,
  afterWrite?: CycleOptions['afterWrite'],
): Promise<number> {
  const { paths, logger } = ctx.deps;
  ctx.stdout.write(`quota-broker daemon (pid ${process.pid}); cache: ${paths.cache}; log: ${paths.log}\n`);
  const daemon = startDaemon(ctx.deps, ctx.now, {
    surface: 'daemon',
    afterWrite,
    onRoleChange: (role) =>
      ctx.stdout.write(
        role === 'broker'
          ? 'Polling as the broker.\n'
          : 'Another broker holds the lock; following it and taking over if it stops.\n',
      ),
  });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info(`daemon stopping (${signal})`);
      void daemon.stop().then(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}
