import type { Command } from 'commander';
import { getLog } from '../../app/log';
import { t } from '../../i18n/messages';
import { parseCountArg } from '../args';
import type { Runner } from '../context';
import { withDatabase } from '../connection';

/** `pos serve`: the e-shop's HTTP API, until stopped (Ctrl+C, SIGTERM). */
export function registerServe(program: Command, run: Runner): void {
  program
    .command('serve')
    .description('HTTP JSON API for the e-shop: look up and redeem vouchers and gift cards (see `pos api-key`)')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on', '8787')
    .action((opts: { host: string; port: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const port = parseCountArg('--port', opts.port, 0, 65535);
        await withDatabase(ctx.config, async (db) => {
          // Loaded here: the till and the other commands never need an HTTP server.
          const { startApi } = await import('../../api/server');
          const api = await startApi({ db, config: ctx.config, log: getLog(ctx.config.dataDir) }, opts.host, port);
          ctx.io.stderr.write(t(ctx.config.lang, 'api.listening', { url: api.url }) + '\n');
          await new Promise<void>((resolve) => {
            process.once('SIGINT', resolve);
            process.once('SIGTERM', resolve);
          });
          await api.close();
        });
      }),
    );
}
