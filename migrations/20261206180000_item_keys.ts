import type { Knex } from 'knex';

// Item keys (pavé de vente): pages of quick keys for what is sold without a barcode. A store
// has its pages; a till may have its own, which then replace the store's on that till (a
// coffee counter's till, a bakery's). A key is named by the character printed on it (1-9, then
// A-Z), which is also its place on the page. Every change is told to the store's tills with a
// `keys` event written in the same transaction (see the events migration).

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE item_key_pages (
      id serial PRIMARY KEY,
      store_id integer NOT NULL REFERENCES stores (id),
      -- Set: this till's own page (a till with pages of its own does not show the store's).
      terminal_id integer REFERENCES terminals (id),
      -- Its place among the pages of its store or till, from 1.
      position smallint NOT NULL CONSTRAINT item_key_pages_position CHECK (position BETWEEN 1 AND 9),
      name text NOT NULL CONSTRAINT item_key_pages_name CHECK (length(btrim(name)) BETWEEN 1 AND 30),
      CONSTRAINT item_key_pages_place UNIQUE NULLS NOT DISTINCT (store_id, terminal_id, position)
    );
    CREATE TABLE item_keys (
      page_id integer NOT NULL REFERENCES item_key_pages (id) ON DELETE CASCADE,
      label char(1) NOT NULL CONSTRAINT item_keys_label CHECK (label ~ '^[1-9A-Z]$'),
      item_id integer NOT NULL REFERENCES items (id),
      -- The short name printed on the key; none: the item's name, cut to the key.
      caption text CONSTRAINT item_keys_caption CHECK (length(btrim(caption)) BETWEEN 1 AND 20),
      PRIMARY KEY (page_id, label)
    );
    CREATE INDEX item_keys_item ON item_keys (item_id);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE item_keys; DROP TABLE item_key_pages;');
}
