import { describe, expect, it } from 'vitest';
import { basketReducer, openBasket, type Basket } from './basket';
import { displayRows } from './customerDisplay';
import type { CatalogItem } from './item';
import type { SaleRecord } from './sale';

const item = (id: number, name: string, priceCents: number): CatalogItem => ({ id, sku: `S${id}`, barcode: null, name, priceCents, vatRateBp: 550 });

function basketOf(...adds: [CatalogItem, number][]): Basket {
  let b = openBasket('k');
  for (const [i, qty] of adds) {
    const r = basketReducer(b, { type: 'add', item: i, qty });
    if ('error' in r) throw new Error(r.error);
    b = r.basket;
  }
  return b;
}

describe('the customer display (2 × 20)', () => {
  const base = { payment: null, lastSale: null, storeName: 'Épicerie du Centre' };

  it('welcomes when idle', () => {
    expect(displayRows({ ...base, basket: openBasket('k') }, 'fr')).toEqual(['    Bienvenue !', ' Épicerie du Centre']);
  });

  it('shows the last item and the total, in 20 columns', () => {
    const rows = displayRows({ ...base, basket: basketOf([item(1, 'Baguette tradition', 130), 1], [item(2, 'Croissant au beurre AOP', 120), 3]) }, 'fr');
    expect(rows).toEqual(['3 Croissant au  3,60', 'TOTAL           4,90']);
    for (const r of rows) expect(r.length).toBeLessThanOrEqual(20);
  });

  it('says what is left of the last item when it is low (the shop telling its customers)', () => {
    const basket = basketOf([item(2, 'Croissant', 120), 2]);
    expect(displayRows({ ...base, basket, lowLeft: 3 }, 'fr')).toEqual(['2 Croissant     2,40', 'Plus que 3      2,40']);
    expect(displayRows({ ...base, basket, lowLeft: 0 }, 'en')[1]).toBe('Out of stock    2.40');
    expect(displayRows({ ...base, basket, lowLeft: null }, 'fr')[1]).toBe('TOTAL           2,40');
  });

  it('while paying: the total, then what is left, then the change', () => {
    const basket = basketOf([item(1, 'Baguette tradition', 490), 1]);
    expect(displayRows({ ...base, basket, payment: { totalCents: 490, tenders: [] } }, 'fr')).toEqual(['TOTAL           4,90', '']);
    expect(displayRows({ ...base, basket, payment: { totalCents: 490, tenders: [{ kind: 'card', amountCents: 200 }] } }, 'fr')[1]).toBe('Reste           2,90');
    expect(displayRows({ ...base, basket, payment: { totalCents: 490, tenders: [{ kind: 'cash', amountCents: 2000 }] } }, 'en')).toEqual(['TOTAL           4.90', 'Change         15.10']);
  });

  it('after the ticket: the change, or thanks', () => {
    const sale = { totalCents: 490, changeCents: 1510 } as SaleRecord;
    expect(displayRows({ ...base, basket: openBasket('k2'), lastSale: sale }, 'fr')).toEqual(['TOTAL           4,90', 'Rendu          15,10']);
    expect(displayRows({ ...base, basket: openBasket('k2'), lastSale: { ...sale, changeCents: 0 } }, 'fr')[0]).toContain('Merci');
  });
});
