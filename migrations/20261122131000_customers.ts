import type { Knex } from 'knex';

// Customers and their groups: what vouchers, coupons, loyalty and accounts all point at. The
// customer code is unique and is what their loyalty card's barcode carries.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('customer_groups', (t) => {
    t.increments('id');
    t.text('code').notNullable().unique();
    t.text('name').notNullable();
  });
  await knex.schema.createTable('customers', (t) => {
    t.increments('id');
    t.text('code').notNullable().unique();
    t.text('first_name').notNullable().defaultTo('');
    t.text('last_name').notNullable().defaultTo('');
    t.text('company');
    t.text('email');
    t.text('phone');
    t.specificType('address', 'text[]').notNullable().defaultTo('{}');
    t.integer('group_id').references('customer_groups.id');
    t.text('notes').notNullable().defaultTo('');
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    ALTER TABLE customers
      ADD CONSTRAINT customers_code_shape CHECK (code ~ '^[A-Za-z0-9_-]{1,40}$'),
      ADD CONSTRAINT customers_named CHECK (btrim(first_name || last_name || coalesce(company, '')) <> '');
    CREATE INDEX customers_name_trgm ON customers USING gin (pos_fold(last_name || ' ' || first_name || ' ' || coalesce(company, '')) gin_trgm_ops);
    CREATE INDEX customers_phone ON customers (phone) WHERE phone IS NOT NULL;
    CREATE INDEX customers_email ON customers (lower(email)) WHERE email IS NOT NULL;
    ALTER TABLE sales ADD CONSTRAINT sales_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE sales DROP CONSTRAINT sales_customer_fk');
  await knex.schema.dropTable('customers');
  await knex.schema.dropTable('customer_groups');
}
