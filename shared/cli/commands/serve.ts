import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startDashboard } from '../../host/dashboard/server';
import { createQuotaHost } from '../../host/quota-host';
import { CliError } from '../cli-error';
import type { CliContext } from '../context';

export const SERVE_HELP = `Usage: quota-broker serve [--port N]

Serves the dashboard (the same UI as the menu-bar popover) on 127.0.0.1 only and
prints its URL, which carries a random per-run token: requests without it are
refused. Runs the engine as the broker, or follows the broker that already runs
(the app or "quota-broker daemon"). Updates are pushed live. Ctrl-C stops it.`;

/** dist/renderer next to the bundle (dist/cli.cjs) or, from sources, at the repo root. */
function findRendererDir(): string | null {
  for (const dir of [
    join(__dirname, 'renderer'),
    join(__dirname, '..', 'dist', 'renderer'),
    join(process.cwd(), 'dist', 'renderer'),
  ]) {
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return null;
}

export async function serveCommand(ctx: CliContext, flags: { port?: string }): Promise<number> {
  // Checked by the command table: decimal digits, 0–65535.
  const port = flags.port === undefined ? 0 : Number(flags.port);
  const rendererDir = findRendererDir();
  if (!rendererDir)
    throw new CliError('The dashboard is not built (dist/renderer is missing); run: npm run build');
  const host = createQuotaHost({ engine: ctx.deps, now: ctx.now, surface: 'serve' });
  let dashboard: Awaited<ReturnType<typeof startDashboard>>;
  try {
    dashboard = await startDashboard(host, { port, rendererDir, logger: ctx.deps.logger });
  } catch (e) {
    await host.stop();
    throw new CliError(`Could not listen on 127.0.0.1:${port} (${(e as Error).message}).`);
  }
  ctx.stdout.write(`Quota Broker dashboard: ${dashboard.url}\n`);
  ctx.deps.logger.info(`dashboard listening on 127.0.0.1:${dashboard.port}`);
  await new Promise<void>((resolve) => {
    const stop = () => void Promise.all([dashboard.close(), host.stop()]).then(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
