import type { Knex } from 'knex';

// The first slice: stores, terminals, operators, the catalog, and committed sales.
// Sales are written once and never changed: triggers refuse UPDATE and DELETE, and a
// deferred check refuses a sale whose lines, VAT rows and tenders do not add up.

// Checked at COMMIT, when every row of the sale is in: the ticket total is the sum of its
// lines and of its VAT rows, and the tenders pay exactly the total plus the change given.
export const CHECK_SALE = `
    CREATE OR REPLACE FUNCTION pos_check_sale() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      lines_total bigint;
      vat_total bigint;
      paid bigint;
    BEGIN
      SELECT coalesce(sum(total_cents), 0) INTO lines_total FROM sale_lines WHERE sale_id = NEW.id;
      SELECT coalesce(sum(gross_cents), 0) INTO vat_total FROM sale_vat WHERE sale_id = NEW.id;
      SELECT coalesce(sum(amount_cents), 0) INTO paid FROM sale_tenders WHERE sale_id = NEW.id;
      IF lines_total <> NEW.total_cents OR vat_total <> NEW.total_cents THEN
        RAISE EXCEPTION 'sale %: lines (%) and VAT rows (%) do not add up to the total (%)',
          NEW.id, lines_total, vat_total, NEW.total_cents USING ERRCODE = '23514';
      END IF;
      IF paid - NEW.change_cents <> NEW.total_cents THEN
        RAISE EXCEPTION 'sale %: tenders (%) less change (%) do not pay the total (%)',
          NEW.id, paid, NEW.change_cents, NEW.total_cents USING ERRCODE = '23514';
      END IF;
      RETURN NULL;
    END $$`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');

  await knex.schema.createTable('stores', (t) => {
    t.increments('id');
    t.text('code').notNullable().unique();
    t.text('name').notNullable();
    t.specificType('address', 'text[]').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('terminals', (t) => {
    t.increments('id');
    t.text('code').notNullable().unique();
    t.integer('store_id').notNullable().references('stores.id');
    t.text('name').notNullable();
    // The ticket counter: taken with a row lock inside the sale's transaction, so a
    // rolled-back sale gives its number back and numbers stay gapless.
    t.bigInteger('next_ticket_no').notNullable().defaultTo(1);
  });
  await knex.raw('ALTER TABLE terminals ADD CONSTRAINT terminals_next_ticket_positive CHECK (next_ticket_no >= 1)');

  await knex.schema.createTable('operators', (t) => {
    t.increments('id');
    t.text('code').notNullable().unique();
    t.text('name').notNullable();
    t.text('role').notNullable();
    t.text('pin_hash').notNullable();
    t.boolean('active').notNullable().defaultTo(true);
  });
  await knex.raw("ALTER TABLE operators ADD CONSTRAINT operators_role CHECK (role IN ('cashier', 'manager'))");

  await knex.schema.createTable('vat_rates', (t) => {
    t.integer('rate_bp').primary();
    t.text('label').notNullable();
  });
  await knex.raw('ALTER TABLE vat_rates ADD CONSTRAINT vat_rates_range CHECK (rate_bp BETWEEN 0 AND 10000)');

  await knex.schema.createTable('item_groups', (t) => {
    t.increments('id');
    t.text('code').notNullable().unique();
    t.text('name').notNullable();
  });

  await knex.schema.createTable('items', (t) => {
    t.increments('id');
    t.text('sku').notNullable().unique();
    t.text('barcode').unique();
    t.text('name').notNullable();
    t.bigInteger('price_cents').notNullable();
    t.integer('vat_rate_bp').notNullable().references('vat_rates.rate_bp');
    t.integer('group_id').references('item_groups.id');
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    ALTER TABLE items
      ADD CONSTRAINT items_price_range CHECK (price_cents >= 0 AND price_cents <= 9999999999),
      ADD CONSTRAINT items_sku_upper CHECK (sku = upper(sku) AND sku <> ''),
      ADD CONSTRAINT items_barcode_digits CHECK (barcode ~ '^[0-9]{8,14}$'),
      ADD CONSTRAINT items_name_present CHECK (btrim(name) <> '')`);
  // Name search ignores case and accents ("cafe" finds "Café"); translate() is immutable,
  // unlike unaccent(), so the folded name can be indexed for substring search.
  await knex.raw(`
    CREATE FUNCTION pos_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT translate(lower(t), 'àáâãäåçèéêëìíîïñòóôõöùúûüýÿ', 'aaaaaaceeeeiiiinooooouuuuyy')
    $$`);
  await knex.raw('CREATE INDEX items_name_trgm ON items USING gin (pos_fold(name) gin_trgm_ops)');

  await knex.schema.createTable('sales', (t) => {
    t.bigIncrements('id');
    t.text('idempotency_key').notNullable().unique();
    t.text('request_hash').notNullable();
    t.integer('terminal_id').notNullable().references('terminals.id');
    t.integer('store_id').notNullable().references('stores.id');
    t.integer('operator_id').notNullable().references('operators.id');
    t.bigInteger('ticket_no').notNullable();
    t.bigInteger('total_cents').notNullable();
    t.bigInteger('change_cents').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['terminal_id', 'ticket_no']);
  });
  await knex.raw(`
    ALTER TABLE sales
      ADD CONSTRAINT sales_change_positive CHECK (change_cents >= 0),
      ADD CONSTRAINT sales_key_length CHECK (length(idempotency_key) BETWEEN 1 AND 100)`);
  await knex.raw('CREATE INDEX sales_created_at ON sales (created_at)');

  await knex.schema.createTable('sale_lines', (t) => {
    t.bigInteger('sale_id').notNullable().references('sales.id');
    t.integer('line_no').notNullable();
    t.integer('item_id').notNullable().references('items.id');
    t.text('sku').notNullable();
    t.text('barcode');
    t.text('name').notNullable();
    t.integer('qty').notNullable();
    t.bigInteger('list_price_cents').notNullable();
    t.bigInteger('unit_price_cents').notNullable();
    t.bigInteger('discount_cents').notNullable().defaultTo(0);
    t.bigInteger('total_cents').notNullable();
    t.integer('vat_rate_bp').notNullable();
    t.integer('price_override_by').references('operators.id');
    t.integer('discount_by').references('operators.id');
    t.primary(['sale_id', 'line_no']);
  });
  await knex.raw(`
    ALTER TABLE sale_lines
      ADD CONSTRAINT sale_lines_qty CHECK (qty <> 0 AND abs(qty) <= 9999),
      ADD CONSTRAINT sale_lines_price CHECK (unit_price_cents >= 0),
      ADD CONSTRAINT sale_lines_total CHECK (total_cents = unit_price_cents * qty - discount_cents),
      ADD CONSTRAINT sale_lines_discount_sign CHECK (sign(discount_cents) IN (0, sign(qty)) AND abs(discount_cents) <= abs(unit_price_cents * qty)),
      ADD CONSTRAINT sale_lines_override_approved CHECK (unit_price_cents = list_price_cents OR price_override_by IS NOT NULL),
      ADD CONSTRAINT sale_lines_discount_approved CHECK (discount_cents = 0 OR discount_by IS NOT NULL)`);
  await knex.raw('CREATE INDEX sale_lines_item ON sale_lines (item_id)');

  await knex.schema.createTable('sale_tenders', (t) => {
    t.bigInteger('sale_id').notNullable().references('sales.id');
    t.integer('seq').notNullable();
    t.text('kind').notNullable();
    t.bigInteger('amount_cents').notNullable();
    t.primary(['sale_id', 'seq']);
  });
  await knex.raw(`
    ALTER TABLE sale_tenders
      ADD CONSTRAINT sale_tenders_kind CHECK (kind IN ('cash', 'card')),
      ADD CONSTRAINT sale_tenders_amount CHECK (amount_cents <> 0)`);

  await knex.schema.createTable('sale_vat', (t) => {
    t.bigInteger('sale_id').notNullable().references('sales.id');
    t.integer('rate_bp').notNullable();
    t.bigInteger('gross_cents').notNullable();
    t.bigInteger('vat_cents').notNullable();
    t.bigInteger('net_cents').notNullable();
    t.primary(['sale_id', 'rate_bp']);
  });
  await knex.raw('ALTER TABLE sale_vat ADD CONSTRAINT sale_vat_adds_up CHECK (gross_cents = net_cents + vat_cents)');

  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('action').notNullable();
    t.integer('terminal_id').references('terminals.id');
    t.integer('operator_id').references('operators.id');
    t.integer('approver_id').references('operators.id');
    t.bigInteger('sale_id').references('sales.id');
    t.jsonb('details').notNullable().defaultTo('{}');
  });

  await knex.raw(`
    CREATE FUNCTION pos_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'committed sales are never changed (% on %)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'P0001';
    END $$`);
  for (const table of ['sales', 'sale_lines', 'sale_tenders', 'sale_vat']) {
    await knex.raw(`CREATE TRIGGER ${table}_frozen BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION pos_refuse_change()`);
  }

  await knex.raw(CHECK_SALE);
  await knex.raw(`
    CREATE CONSTRAINT TRIGGER sales_add_up AFTER INSERT ON sales
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION pos_check_sale()`);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['audit_log', 'sale_vat', 'sale_tenders', 'sale_lines', 'sales', 'items', 'item_groups', 'vat_rates', 'operators', 'terminals', 'stores']) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.raw('DROP FUNCTION IF EXISTS pos_check_sale()');
  await knex.raw('DROP FUNCTION IF EXISTS pos_refuse_change()');
  await knex.raw('DROP FUNCTION IF EXISTS pos_fold(text)');
}
