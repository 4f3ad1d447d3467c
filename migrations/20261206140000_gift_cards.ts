import type { Knex } from 'knex';
import { CHECK_SALE_ADJUSTMENTS, COMMIT_SALE_FUNCTION } from './20261122130000_sale_extensions';

// The shop's gift cards (cartes cadeaux). A card is sold on a ticket line that names its code;
// the ticket and the card are written in one transaction, and the sale's deferred check refuses
// a ticket whose gift card line has no card sold by it: a card exists (active) only once its
// sale commits. Its line is outside the scope of VAT (a multi-purpose voucher): the VAT rows
// add up to the total less the gift cards sold. Like vouchers, the balance is a cached column
// guarded by CHECKs and every change of it is a row of an append-only ledger written by the
// same statement. Gift card lines refer to one catalogue item, CADEAU, kept out of the
// catalogue (inactive): a card is sold by its own prompt, never at a catalogue price.

const GIFT_CARD_SKU = 'CADEAU';

/** The sale's deferred check (20261122130000), the gift cards' lines outside the VAT rows. */
const CHECK_SALE = `
  CREATE OR REPLACE FUNCTION pos_check_sale() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    lines_total bigint;
    lines_ticket_discount bigint;
    outside_vat bigint;
    unsold integer;
    adjustments_total bigint;
    vat_total bigint;
    paid bigint;
  BEGIN
    SELECT coalesce(sum(total_cents), 0), coalesce(sum(ticket_discount_cents), 0),
           coalesce(sum(total_cents) FILTER (WHERE gift_card_code IS NOT NULL), 0)
      INTO lines_total, lines_ticket_discount, outside_vat FROM sale_lines WHERE sale_id = NEW.id;
    SELECT coalesce(sum(amount_cents), 0) INTO adjustments_total FROM sale_adjustments WHERE sale_id = NEW.id;
    SELECT coalesce(sum(gross_cents), 0) INTO vat_total FROM sale_vat WHERE sale_id = NEW.id;
    SELECT coalesce(sum(amount_cents), 0) INTO paid FROM sale_tenders WHERE sale_id = NEW.id;
    IF lines_total <> NEW.total_cents OR vat_total <> NEW.total_cents - outside_vat THEN
      RAISE EXCEPTION 'sale %: lines (%) and VAT rows (%, and % outside VAT) do not add up to the total (%)',
        NEW.id, lines_total, vat_total, outside_vat, NEW.total_cents USING ERRCODE = '23514';
    END IF;
    IF lines_ticket_discount <> adjustments_total THEN
      RAISE EXCEPTION 'sale %: ticket discounts on lines (%) differ from the adjustments (%)',
        NEW.id, lines_ticket_discount, adjustments_total USING ERRCODE = '23514';
    END IF;
    IF paid - NEW.change_cents <> NEW.total_cents THEN
      RAISE EXCEPTION 'sale %: tenders (%) less change (%) do not pay the total (%)',
        NEW.id, paid, NEW.change_cents, NEW.total_cents USING ERRCODE = '23514';
    END IF;
    SELECT count(*) INTO unsold FROM sale_lines l
     WHERE l.sale_id = NEW.id AND l.gift_card_code IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM gift_cards g WHERE g.code = l.gift_card_code AND g.sale_id = NEW.id AND g.line_no = l.line_no);
    IF unsold > 0 THEN
      RAISE EXCEPTION 'sale %: % gift card line(s) without their card', NEW.id, unsold USING ERRCODE = '23514';
    END IF;
    RETURN NULL;
  END $$`;

/**
 * The commit statement (20261122130000) with its lines written by column name from the
 * ticket's JSON: a column added to sale_lines (the gift card's code, and the next) needs no
 * new version of it.
 */
const LINES_INSERT = /INSERT INTO sale_lines \([^;]*;/;
const LINES_BY_NAME = `INSERT INTO sale_lines
      SELECT r.* FROM jsonb_array_elements(s->'lines') AS l,
             jsonb_populate_record(NULL::sale_lines, l || jsonb_build_object('sale_id', sale_id, 'line_no', l->'n')) AS r;`;

function commitFunction(): string {
  if (!LINES_INSERT.test(COMMIT_SALE_FUNCTION)) throw new Error('pos_commit_sale: the lines statement is not where it was');
  return COMMIT_SALE_FUNCTION.replace(LINES_INSERT, LINES_BY_NAME);
}

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    -- Kept out of the catalogue; its rate is never used (a gift card line is outside VAT).
    INSERT INTO vat_rates (rate_bp, label) VALUES (2000, '20 %') ON CONFLICT (rate_bp) DO NOTHING;
    INSERT INTO items (sku, barcode, name, price_cents, vat_rate_bp, active, price_rule)
      VALUES ('${GIFT_CARD_SKU}', NULL, 'Carte cadeau', 0, 2000, false, 'fixed')
      ON CONFLICT (sku) DO UPDATE SET active = false, price_rule = 'fixed', max_discount_bp = NULL;

    ALTER TABLE sale_lines
      ADD COLUMN gift_card_code text,
      ADD CONSTRAINT sale_lines_gift_card CHECK (gift_card_code IS NULL
        OR (qty = 1 AND discount_cents = 0 AND ticket_discount_cents = 0 AND vat_rate_bp = 0 AND unit_price_cents = list_price_cents));

    CREATE TABLE gift_cards (
      id bigserial PRIMARY KEY,
      code text NOT NULL,
      kind text NOT NULL,
      initial_cents bigint NOT NULL,
      balance_cents bigint NOT NULL,
      status text NOT NULL DEFAULT 'active',
      store_id integer NOT NULL REFERENCES stores (id),
      terminal_id integer NOT NULL REFERENCES terminals (id),
      sale_id bigint NOT NULL,
      line_no integer NOT NULL,
      sold_by integer NOT NULL REFERENCES operators (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_on date NOT NULL,
      expires_at timestamptz NOT NULL,
      closed_at timestamptz,
      CONSTRAINT gift_cards_line FOREIGN KEY (sale_id, line_no) REFERENCES sale_lines (sale_id, line_no),
      CONSTRAINT gift_cards_code_unique UNIQUE (code),
      CONSTRAINT gift_cards_code_shape CHECK ((kind = 'generated' AND code ~ '^[2-9A-HJKMNP-Z]{16}$') OR (kind = 'preprinted' AND code ~ '^[0-9]{8,19}$')),
      CONSTRAINT gift_cards_initial CHECK (initial_cents > 0 AND initial_cents <= 9999999999),
      -- A refund onto a card may take it above what it was sold for.
      CONSTRAINT gift_cards_balance CHECK (balance_cents >= 0 AND balance_cents <= 9999999999),
      CONSTRAINT gift_cards_status CHECK (status IN ('active', 'used', 'expired', 'cancelled')),
      CONSTRAINT gift_cards_status_balance CHECK ((status = 'active') = (balance_cents > 0)),
      CONSTRAINT gift_cards_closed CHECK ((status = 'active') = (closed_at IS NULL)),
      CONSTRAINT gift_cards_expiry CHECK (expires_at > created_at)
    );
    CREATE INDEX gift_cards_sale ON gift_cards (sale_id);
    CREATE INDEX gift_cards_expiring ON gift_cards (expires_at) WHERE status = 'active';

    CREATE TABLE gift_card_movements (
      id bigserial PRIMARY KEY,
      gift_card_id bigint NOT NULL REFERENCES gift_cards (id),
      kind text NOT NULL,
      amount_cents bigint NOT NULL,
      balance_after_cents bigint NOT NULL,
      channel text,
      store_id integer REFERENCES stores (id),
      terminal_id integer REFERENCES terminals (id),
      operator_id integer REFERENCES operators (id),
      sale_id bigint REFERENCES sales (id),
      order_ref text,
      api_key_id integer REFERENCES api_keys (id),
      idempotency_key text,
      note text NOT NULL DEFAULT '',
      at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT gift_card_movements_kind CHECK (kind IN ('sold', 'spent', 'refunded', 'expired', 'cancelled')),
      CONSTRAINT gift_card_movements_sign CHECK ((kind IN ('sold', 'refunded')) = (amount_cents > 0) AND amount_cents <> 0),
      CONSTRAINT gift_card_movements_balance CHECK (balance_after_cents >= 0),
      CONSTRAINT gift_card_movements_channel CHECK ((kind IN ('sold', 'spent', 'refunded')) = (channel IS NOT NULL) AND channel IN ('store', 'web', 'pickup')),
      -- Sold and refunded onto by a ticket; spent by a ticket or for the e-shop's order.
      CONSTRAINT gift_card_movements_ticket CHECK (kind NOT IN ('sold', 'refunded') OR sale_id IS NOT NULL),
      CONSTRAINT gift_card_movements_spent_ref CHECK (kind <> 'spent' OR sale_id IS NOT NULL OR order_ref IS NOT NULL)
    );
    CREATE INDEX gift_card_movements_card ON gift_card_movements (gift_card_id, id);
    CREATE INDEX gift_card_movements_sale ON gift_card_movements (sale_id) WHERE sale_id IS NOT NULL;
    CREATE INDEX gift_card_movements_at ON gift_card_movements (at);
    -- An idempotency key is the caller's (its API key's; 0 for the command line).
    CREATE UNIQUE INDEX gift_card_movements_caller_key_unique ON gift_card_movements (coalesce(api_key_id, 0), idempotency_key)
      WHERE idempotency_key IS NOT NULL;
    CREATE TRIGGER gift_card_movements_frozen BEFORE UPDATE OR DELETE ON gift_card_movements
      FOR EACH ROW EXECUTE FUNCTION pos_refuse_change();
  `);
  await knex.raw(CHECK_SALE);
  await knex.raw(commitFunction());
}

// Fails, rightly, once a gift card has been sold: its tickets name it.
export async function down(knex: Knex): Promise<void> {
  await knex.raw(CHECK_SALE_ADJUSTMENTS);
  await knex.raw(COMMIT_SALE_FUNCTION);
  await knex.raw(`
    DROP TABLE gift_card_movements;
    DROP TABLE gift_cards;
    ALTER TABLE sale_lines DROP CONSTRAINT sale_lines_gift_card, DROP COLUMN gift_card_code;
    DELETE FROM items WHERE sku = '${GIFT_CARD_SKU}';
  `);
}
