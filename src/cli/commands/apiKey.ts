import type { Command } from 'commander';
import { createApiKey, listApiKeys, revokeApiKey } from '../../app/apiKeys';
import { resolveTerminal } from '../../app/till';
import { t } from '../../i18n/messages';
import type { Runner } from '../context';
import { withDatabase } from '../connection';
import { emit, table } from '../output';

/** `pos api-key create|list|revoke`: the keys the e-shop presents to `pos serve`. */
export function registerApiKey(program: Command, run: Runner): void {
  const keys = program.command('api-key').description('keys for the HTTP API (pos serve)');
  keys
    .command('create')
    .description('make a key; it is shown once and only its hash is kept')
    .argument('<name>', 'what uses it, e.g. eshop')
    .option('--store <code>', 'the store its redemptions are booked to (default: this till’s)')
    .action((name: string, opts: { store?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { key, row } = await withDatabase(ctx.config, async (db) => {
          const store = opts.store ?? (await resolveTerminal(db, ctx.config.terminal)).storeCode;
          return createApiKey(db, name, store);
        });
        emit(ctx, { name: row.name, store: row.storeCode, key }, () => [t(ctx.config.lang, 'apiKey.created', { name: row.name, store: row.storeCode }), key]);
      }),
    );
  keys
    .command('list')
    .description('the keys, live and revoked')
    .action((_opts: object, cmd: Command) =>
      run(cmd, async (ctx) => {
        const rows = await withDatabase(ctx.config, listApiKeys);
        const { lang } = ctx.config;
        emit(ctx, { keys: rows.map((k) => ({ name: k.name, prefix: k.prefix, store: k.storeCode, created_at: k.createdAt.toISOString(), revoked_at: k.revokedAt?.toISOString() ?? null })) }, () =>
          rows.length === 0 ? [t(lang, 'apiKey.none')] : table(rows.map((k) => [k.name, `${k.prefix}…`, k.storeCode, k.revokedAt ? t(lang, 'apiKey.revoked') : t(lang, 'apiKey.live')]), ['left', 'left', 'left', 'left']),
        );
      }),
    );
  keys
    .command('revoke')
    .description('revoke a key: it stops working at once')
    .argument('<name>', 'its name')
    .action((name: string, _opts: object, cmd: Command) =>
      run(cmd, async (ctx) => {
        await withDatabase(ctx.config, (db) => revokeApiKey(db, name));
        emit(ctx, { name, revoked: true }, () => [t(ctx.config.lang, 'apiKey.revokedDone', { name })]);
      }),
    );
}
