import type { Knex } from 'knex';

// A ledger's order is the order its balance moved: `pos check` verifies each row's "balance
// after" against the row before it, by id. A row's id was drawn by its column default, before
// the ledger's trigger took the balance's lock: two movements of one voucher, account, gift
// card or loyalty balance could be numbered in one order and move it in the other, and the
// check would name a break the books do not have. The stock ledger already draws its id once
// the figure is locked (pos_stock_move); the others do now too, by a trigger that runs after
// the one that moves the balance (triggers run in name order) and so under its lock, held to
// the commit: whoever moves the balance next draws a larger number.

const LEDGERS = ['voucher_movements', 'gift_card_movements', 'account_movements', 'loyalty_movements'];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION pos_ledger_number() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.id := nextval(TG_ARGV[0]::regclass);
      RETURN NEW;
    END $$;
    REVOKE EXECUTE ON FUNCTION pos_ledger_number() FROM PUBLIC;
    ${LEDGERS.map((t) => `CREATE TRIGGER zzz_${t}_number BEFORE INSERT ON ${t} FOR EACH ROW EXECUTE FUNCTION pos_ledger_number('${t}_id_seq');`).join('\n    ')}
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ${LEDGERS.map((t) => `DROP TRIGGER zzz_${t}_number ON ${t};`).join('\n    ')}
    DROP FUNCTION pos_ledger_number();
  `);
}
