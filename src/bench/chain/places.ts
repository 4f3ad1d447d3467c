// The chain's stores (S001…, each in a French town with its SIRET) and their tills (S001-T01…),
// each till's counter on the number after its last generated ticket.
import { pgTextArray, type Cell } from './copy';
import type { ChainLayout } from './layout';
import { chainStoreCode } from './types';

const TOWNS: [string, string][] = [
  ['75011', 'Paris'], ['69003', 'Lyon'], ['13001', 'Marseille'], ['31000', 'Toulouse'], ['06000', 'Nice'], ['44000', 'Nantes'],
  ['67000', 'Strasbourg'], ['34000', 'Montpellier'], ['33000', 'Bordeaux'], ['59000', 'Lille'], ['35000', 'Rennes'], ['51100', 'Reims'],
  ['42000', 'Saint-Étienne'], ['83000', 'Toulon'], ['38000', 'Grenoble'], ['21000', 'Dijon'], ['49000', 'Angers'], ['30000', 'Nîmes'],
];

const STREETS = ['rue de la République', 'avenue Jean-Jaurès', 'place du Marché', 'rue Victor-Hugo', 'boulevard Gambetta', 'rue Pasteur'];

export const STORE_COLUMNS = ['id', 'code', 'name', 'postal_address', 'siret'];

export function* storeRows(layout: ChainLayout): Generator<Cell[]> {
  for (let s = 0; s < layout.sizes.stores; s++) {
    const [postcode, town] = TOWNS[s % TOWNS.length]!;
    const street = `${1 + ((s * 7) % 120)} ${STREETS[s % STREETS.length]}`;
    // One company (SIREN 552 100 554), one establishment number (NIC) per store.
    const siret = `552100554${String(s + 1).padStart(5, '0')}`;
    yield [layout.storeIds[s]!, chainStoreCode(s), `Épicerie ${town} ${chainStoreCode(s)}`, pgTextArray([street, `${postcode} ${town}`]), siret];
  }
}

export const TERMINAL_COLUMNS = ['id', 'code', 'store_id', 'name', 'next_ticket_no'];

/** `next`: each till's next ticket number, in the layout's order of tills. */
export function* terminalRows(layout: ChainLayout, next: (k: number) => number): Generator<Cell[]> {
  for (let k = 0; k < layout.tills.length; k++) {
    const t = layout.tills[k]!;
    yield [t.id, t.code, t.storeId, `Caisse ${t.code.slice(-2)}`, next(k)];
  }
}
