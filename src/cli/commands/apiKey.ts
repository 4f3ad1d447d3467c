import type { Command } from 'commander';
import { createApiKey, listApiKeys, revokeApiKey } from '../../app/apiKeys';
import { resolveTerminal } from '../../app/till';
import { t } from '../../i18n/messages';
import type { Runner } from '../context';
import { withDatabase } from '../connection';
import { emit, table } from '../output';
import { cliChange, OPERATOR_HELP, withGate } from '../change';

/** `pos api-key create|list|revoke`: the keys the e-shop presents to `pos serve`. */
export function registerApiKey(program: Command, run: Runner): void {
  const keys = program.command('api-key').description('keys for the HTTP API (pos serve)');
  keys
    .command('create')
    .description('make a key; it is shown once and only its hash is kept')
    .argument('<name>', 'what uses it, e.g. eshop')
    .option('--store <code>', 'the store its redemptions are booked to (default: this till’s)')
    .option('--operator <code>', OPERATOR_HELP.manager)
    .action((name: string, opts: { store?: string; operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { key, row } = await withGate(ctx, async (gate) => {
          const store = opts.store ?? (await resolveTerminal(gate.db, ctx.config.terminal)).storeCode;
          // The key itself never goes in the log: its name, store and prefix say which it is.
          return cliChange(ctx, gate, { operator: opts.operator, command: 'api-key.create', action: 'api_key_create', needs: 'manager' }, (db) => createApiKey(db, name, store),
            (made) => ({ name: made.row.name, store: made.row.storeCode, prefix: made.row.prefix }));
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
    .option('--operator <code>', OPERATOR_HELP.manager)
    .action((name: string, opts: { operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        await withGate(ctx, (gate) =>
          cliChange(ctx, gate, { operator: opts.operator, command: 'api-key.revoke', action: 'api_key_revoke', needs: 'manager' }, (db) => revokeApiKey(db, name), () => ({ name })));
        emit(ctx, { name, revoked: true }, () => [t(ctx.config.lang, 'apiKey.revokedDone', { name })]);
      }),
    );
}
