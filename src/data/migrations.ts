import type { Knex } from 'knex';
import { APP_VERSION } from '../domain/version';
import * as core from '../../migrations/20261122100000_core';
import * as commitFunction from '../../migrations/20261122120000_commit_function';
import * as saleExtensions from '../../migrations/20261122130000_sale_extensions';
import * as customers from '../../migrations/20261122131000_customers';
import * as loyalty from '../../migrations/20261122140000_loyalty';
import * as customerAccounts from '../../migrations/20261122141000_customer_accounts';
import * as customerRecords from '../../migrations/20261122142000_customer_records';
import * as customerSearch from '../../migrations/20261122143000_customer_search';
import * as customerNameIndex from '../../migrations/20261122144000_customer_name_index';
import * as vouchers from '../../migrations/20261122150000_vouchers';
import * as coupons from '../../migrations/20261122160000_coupons';
import * as couponCodesBulk from '../../migrations/20261122161000_coupon_codes_bulk';
import * as printJobs from '../../migrations/20261122170000_print_jobs';
import * as voucherKeyPerApiKey from '../../migrations/20261205120000_voucher_key_per_api_key';
import * as printJobDiscarded from '../../migrations/20261205160000_print_job_discarded';
import * as printJobStatusUnknown from '../../migrations/20261206100000_print_job_status_unknown';
import * as moneyBounds from '../../migrations/20261206101000_money_bounds';
import * as itemPriceRules from '../../migrations/20261206110000_item_price_rules';
import * as printJobOwedReceipt from '../../migrations/20261206120000_print_job_owed_receipt';
import * as giftCards from '../../migrations/20261206140000_gift_cards';
import * as giftcertUses from '../../migrations/20261206143000_giftcert_uses';
import * as events from '../../migrations/20261206170000_events';
import * as stock from '../../migrations/20261206171000_stock';
import * as itemKeys from '../../migrations/20261206180000_item_keys';
import * as returns from '../../migrations/20261206181000_returns';
import * as reportIndexes from '../../migrations/20261206190000_report_indexes';
import * as operatorLockout from '../../migrations/20261207100000_operator_lockout';
import * as apiCodeFailures from '../../migrations/20261207110000_api_code_failures';
import * as apiCodeAttempts from '../../migrations/20261207213000_api_code_attempts';
import * as ledgerOrder from '../../migrations/20261207213100_ledger_order';
import * as ledgerWalkIndexes from '../../migrations/20261207213200_ledger_walk_indexes';
import * as ticketBlocks from '../../migrations/20261207120000_ticket_blocks';
import * as checkIndexes from '../../migrations/20261207130000_check_indexes';
import * as tillRole from '../../migrations/20261207180000_till_role';
import * as definerExecute from '../../migrations/20261207190000_definer_execute';
import * as offlineSaleTimes from '../../migrations/20261207215500_offline_sale_times';
import * as closings from '../../migrations/20261208110000_closings';
import * as fiscalSeal from '../../migrations/20261208100000_fiscal_seal';
import * as journal from '../../migrations/20261208100100_journal';
import * as proFormaNotes from '../../migrations/20261208100200_pro_forma_notes';
import * as storesTills from '../../migrations/20261208120000_stores_tills';
import * as schemaVersions from '../../migrations/20261208121000_schema_versions';
import * as trainingMode from '../../migrations/20261208130000_training_mode';
import * as salePlans from '../../migrations/20261209100000_sale_plans';

// Migrations are listed here, not scanned from disk, so the bundled till carries them.
// Add each new file of migrations/ to this list, in order.
const migrations: Record<string, Knex.Migration & { minTillVersion?: string }> = {
  '20261122100000_core': core,
  '20261122120000_commit_function': commitFunction,
  '20261122130000_sale_extensions': saleExtensions,
  '20261122131000_customers': customers,
  '20261122140000_loyalty': loyalty,
  '20261122141000_customer_accounts': customerAccounts,
  '20261122142000_customer_records': customerRecords,
  '20261122143000_customer_search': customerSearch,
  '20261122144000_customer_name_index': customerNameIndex,
  '20261122150000_vouchers': vouchers,
  '20261122160000_coupons': coupons,
  '20261122161000_coupon_codes_bulk': couponCodesBulk,
  '20261122170000_print_jobs': printJobs,
  '20261205120000_voucher_key_per_api_key': voucherKeyPerApiKey,
  '20261205160000_print_job_discarded': printJobDiscarded,
  '20261206100000_print_job_status_unknown': printJobStatusUnknown,
  '20261206101000_money_bounds': moneyBounds,
  '20261206110000_item_price_rules': itemPriceRules,
  '20261206120000_print_job_owed_receipt': printJobOwedReceipt,
  '20261206140000_gift_cards': giftCards,
  '20261206143000_giftcert_uses': giftcertUses,
  '20261206170000_events': events,
  '20261206171000_stock': stock,
  '20261206180000_item_keys': itemKeys,
  '20261206181000_returns': returns,
  '20261206190000_report_indexes': reportIndexes,
  '20261207100000_operator_lockout': operatorLockout,
  '20261207110000_api_code_failures': apiCodeFailures,
  '20261207120000_ticket_blocks': ticketBlocks,
  '20261207130000_check_indexes': checkIndexes,
  // Keep last: it grants the till role its rights on every table made before it.
  '20261207180000_till_role': tillRole,
  '20261207190000_definer_execute': definerExecute,
  '20261207213000_api_code_attempts': apiCodeAttempts,
  '20261207213100_ledger_order': ledgerOrder,
  '20261207213200_ledger_walk_indexes': ledgerWalkIndexes,
  '20261207215500_offline_sale_times': offlineSaleTimes,
  '20261208100000_fiscal_seal': fiscalSeal,
  '20261208100100_journal': journal,
  '20261208100200_pro_forma_notes': proFormaNotes,
  '20261208110000_closings': closings,
  '20261208120000_stores_tills': storesTills,
  '20261208121000_schema_versions': schemaVersions,
  '20261208130000_training_mode': trainingMode,
  '20261209100000_sale_plans': salePlans,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name]!,
};

export const migrationConfig: Knex.MigratorConfig = { migrationSource, tableName: 'knex_migrations' };

/** Names not yet applied; one cheap query, so the till can skip the migrator on a normal start. */
export async function pendingMigrations(db: Knex): Promise<string[]> {
  const all = Object.keys(migrations).sort();
  let done: Set<string>;
  try {
    done = new Set((await db('knex_migrations').select('name')).map((r: { name: string }) => r.name));
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return all; // a new database
    throw error;
  }
  return all.filter((n) => !done.has(n));
}

/**
 * Applies the pending migrations (one batch), then records in schema_versions each migration's
 * oldest till version and the version that applied it (`appVersion`: this program's, or a
 * test's). `onProgress` is told after each migration's up has run (in its transaction), of how
 * many were pending.
 */
export async function migrateLatest(db: Knex, onProgress?: (done: number, total: number) => void, appVersion = APP_VERSION): Promise<string[]> {
  let config = migrationConfig;
  if (onProgress) {
    const total = (await pendingMigrations(db)).length;
    let done = 0;
    config = {
      ...migrationConfig,
      migrationSource: {
        ...migrationSource,
        getMigration: async (name: string) => {
          const m = migrations[name]!;
          return { ...m, up: async (k: Knex) => {
            await m.up(k);
            onProgress(++done, total);
          } };
        },
      },
    };
  }
  const [, applied] = (await db.migrate.latest(config)) as [number, string[]];
  await recordVersions(db, appVersion);
  return applied;
}

/** The oldest till version each migration this program knows needs ('0.0.0': any). */
export function minTillVersions(): Record<string, string> {
  return Object.fromEntries(Object.entries(migrations).map(([name, m]) => [name, m.minTillVersion ?? '0.0.0']));
}

async function recordVersions(db: Knex, appVersion: string): Promise<void> {
  if (!(await db.schema.hasTable('schema_versions'))) return;
  const done = (await db('knex_migrations').pluck('name')) as string[];
  const mins = minTillVersions();
  const rows = done.filter((n) => n in mins).map((name) => ({ name, min_till_version: mins[name]!, applied_by_version: appVersion }));
  if (rows.length) await db('schema_versions').insert(rows).onConflict('name').ignore();
}

export async function migrateRollbackAll(db: Knex): Promise<void> {
  await db.migrate.rollback(migrationConfig, true);
}
