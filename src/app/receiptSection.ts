import type { Knex } from 'knex';
import type { Config } from '../config/schema';
import type { Block } from '../domain/receipt';
import type { SaleRecord } from '../domain/sale';

/**
 * What a feature prints on a ticket about itself (the customer's points, what is left on the
 * vouchers used…), read back from the database so a reprint says the same. Features add theirs to RECEIPT_SECTIONS (features.ts).
 */
export type ReceiptSection = (db: Knex, sale: SaleRecord, config: Config) => Promise<Block[]>;
