// Known answers: the records and seals of a fixed set of tickets, frozen. A test failing here
// means the formula of a version changed: add a new version instead (records.ts), the sealed
// records keep verifying under theirs. The first seal can be checked with standard tools:
//   printf '%s\n%s' 000…000 '<record>' | sha256sum
import { describe, expect, it } from 'vitest';
import { firstDifference, GENESIS, sealOf, TICKET_FORMATS, type TicketFacts } from './records';

const FIXED: TicketFacts[] = [
  {
    storeId: 1, terminalId: 1, ticketNo: 1, timeUtc: '2026-12-08T09:15:02.123456Z', operatorId: 1, customerId: null,
    lines: [{ lineNo: 1, itemId: 1, sku: 'BOUL-001', name: 'Baguette tradition', qty: 2, listPriceCents: 130, unitPriceCents: 130, discountCents: 0, ticketDiscountCents: 0, totalCents: 260, vatRateBp: 550, giftCardCode: null, corrects: null }],
    adjustments: [], vat: [{ rateBp: 550, grossCents: 260, vatCents: 14, netCents: 246 }], totalCents: 260,
    tenders: [{ kind: 'cash', amountCents: 500, ref: null }], changeCents: 240,
  },
  {
    storeId: 1, terminalId: 1, ticketNo: 2, timeUtc: '2026-12-08T09:20:00.000001Z', operatorId: 2, customerId: 3,
    lines: [
      { lineNo: 2, itemId: 62, sku: 'CAVE-001', name: 'Bordeaux « rouge » "75 cl" \\ é', qty: 3, listPriceCents: 899, unitPriceCents: 850, discountCents: 50, ticketDiscountCents: 120, totalCents: 2380, vatRateBp: 2000, giftCardCode: null, corrects: null },
      { lineNo: 1, itemId: 6, sku: 'BOUL-006', name: 'Croissant\t', qty: 1, listPriceCents: 120, unitPriceCents: 120, discountCents: 0, ticketDiscountCents: 5, totalCents: 115, vatRateBp: 550, giftCardCode: null, corrects: null },
    ],
    adjustments: [{ kind: 'coupon', ref: 'BONJOUR', label: 'Bonjour −3 €', amountCents: 125 }],
    vat: [{ rateBp: 2000, grossCents: 2380, vatCents: 397, netCents: 1983 }, { rateBp: 550, grossCents: 115, vatCents: 6, netCents: 109 }],
    totalCents: 2495, tenders: [{ kind: 'card', amountCents: 1000, ref: null }, { kind: 'voucher', amountCents: 1495, ref: 'BA-1234-5678' }], changeCents: 0,
  },
  {
    storeId: 1, terminalId: 1, ticketNo: 3, timeUtc: '2026-12-08T10:00:00.000000Z', operatorId: 1, customerId: 3,
    lines: [{ lineNo: 1, itemId: 62, sku: 'CAVE-001', name: 'Bordeaux « rouge » "75 cl" \\ é', qty: -1, listPriceCents: 899, unitPriceCents: 793, discountCents: 0, ticketDiscountCents: 0, totalCents: -793, vatRateBp: 2000, giftCardCode: null, corrects: [1, 2, 2] }],
    adjustments: [], vat: [{ rateBp: 2000, grossCents: -793, vatCents: -132, netCents: -661 }], totalCents: -793,
    tenders: [{ kind: 'cash', amountCents: -793, ref: null }], changeCents: 0,
  },
  {
    storeId: 2, terminalId: 3, ticketNo: 41, timeUtc: '2026-12-31T23:59:59.999999Z', operatorId: 1, customerId: null,
    lines: [{ lineNo: 1, itemId: 200, sku: 'CADEAU-50', name: 'Carte cadeau 50 €', qty: 1, listPriceCents: 5000, unitPriceCents: 5000, discountCents: 0, ticketDiscountCents: 0, totalCents: 5000, vatRateBp: 0, giftCardCode: 'GC-0001-0002', corrects: null }],
    adjustments: [], vat: [], totalCents: 5000, tenders: [{ kind: 'gift_card', amountCents: 5000, ref: 'GC-9' }], changeCents: 0,
  },
];

const FROZEN_V1: [string, string][] = [
  ['[1,1,1,1,"2026-12-08T09:15:02.123456Z",1,null,[[1,1,"BOUL-001","Baguette tradition",2,130,130,0,0,260,550,null,null]],[],[[550,260,14,246]],260,[["cash",500,null]],240]',
    'fbbd1f2b75c5adab4cccbc6514618b17d65816efd6d25a6597ac7f4bfb7625ea'],
  ['[1,1,1,2,"2026-12-08T09:20:00.000001Z",2,3,[[1,6,"BOUL-006","Croissant\\t",1,120,120,0,5,115,550,null,null],[2,62,"CAVE-001","Bordeaux « rouge » \\"75 cl\\" \\\\ é",3,899,850,50,120,2380,2000,null,null]],[["coupon","BONJOUR","Bonjour −3 €",125]],[[550,115,6,109],[2000,2380,397,1983]],2495,[["card",1000,null],["voucher",1495,"BA-1234-5678"]],0]',
    '8eb3eae038449800c348f001ea3822a07028c96fd1d46409fd0d223b6a6dbe29'],
  ['[1,1,1,3,"2026-12-08T10:00:00.000000Z",1,3,[[1,62,"CAVE-001","Bordeaux « rouge » \\"75 cl\\" \\\\ é",-1,899,793,0,0,-793,2000,null,[1,2,2]]],[],[[2000,-793,-132,-661]],-793,[["cash",-793,null]],0]',
    '9a1ac527ed16a631ae3c63cb54a9b0b1c3a3f40700753d33ec99622a61844c91'],
  ['[1,2,3,41,"2026-12-31T23:59:59.999999Z",1,null,[[1,200,"CADEAU-50","Carte cadeau 50 €",1,5000,5000,0,0,5000,0,"GC-0001-0002",null]],[],[],5000,[["gift_card",5000,"GC-9"]],0]',
    '72a37c417dfc4732a53d74c8a6345cdd38e11d134afbee737e4669a1c561e9ae'],
];

describe('the canonical ticket record, version 1', () => {
  it('gives the frozen records and seals of a fixed chain of tickets', () => {
    const v1 = TICKET_FORMATS.get(1)!;
    let prev = GENESIS;
    const got = FIXED.map((f) => {
      const record = v1.build(f);
      prev = sealOf(prev, record);
      return [record, prev];
    });
    expect(got).toEqual(FROZEN_V1);
  });

  it('names the first place two records differ', () => {
    const shape = TICKET_FORMATS.get(1)!.shape;
    const [a] = FROZEN_V1[1]!;
    const b = a.replace('[2,62,"CAVE-001","Bordeaux « rouge » \\"75 cl\\" \\\\ é",3,899,850', '[2,62,"CAVE-001","Bordeaux « rouge » \\"75 cl\\" \\\\ é",3,899,800');
    expect(firstDifference(a, b, shape)).toEqual({ field: 'lines[2].unit_price', sealed: '850', found: '800' });
    expect(firstDifference(a, a.replace(',2495,', ',2494,'), shape)).toEqual({ field: 'total', sealed: '2495', found: '2494' });
    expect(firstDifference(a, a.replace(',["voucher",1495,"BA-1234-5678"]', ''), shape)).toMatchObject({ field: 'tenders[2]', found: '(none)' });
    expect(firstDifference(a, a, shape)).toBeNull();
  });
});
