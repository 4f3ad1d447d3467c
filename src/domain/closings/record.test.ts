import { describe, expect, it } from 'vitest';
import { canonicalClosing, closingHash, GENESIS, type ClosingRecord } from './record';

// The canonical form of a closing, format 1, fixed by known answers: a change of formula is a
// new format, and closings made under this one must keep verifying.

const RECORD: ClosingRecord = {
  format: 1, scope: 'terminal', storeId: 1, terminalId: 2, kind: 'day', seq: 7, firstDay: '2026-11-20', lastDay: '2026-11-20', timeZone: 'Europe/Paris',
  periodStart: new Date('2026-11-19T23:00:00.000Z'), periodEnd: new Date('2026-11-20T23:00:00.000Z'),
  totals: {
    tickets: 3, totalCents: 1110, firstTicketNo: 41, lastTicketNo: 43,
    byVat: [{ rateBp: 2000, grossCents: 1000, vatCents: 167, netCents: 833 }, { rateBp: 550, grossCents: 110, vatCents: 6, netCents: 104 }],
    byTender: [{ kind: 'cash', cents: 1000 }, { kind: 'card', cents: 110 }],
  },
  perpetualCents: 123456, automatic: false, operatorId: 2, closedAt: new Date('2026-11-20T18:30:00.000Z'), prevHash: GENESIS, keyId: '0123456789abcdef',
};

describe('the canonical closing record', () => {
  it('is written in a fixed order, lists sorted, whatever order they came in', () => {
    expect(canonicalClosing(RECORD)).toBe(
      '["pos-closing",1,"terminal",1,2,"day",7,"2026-11-20","2026-11-20","Europe/Paris","2026-11-19T23:00:00.000Z","2026-11-20T23:00:00.000Z",' +
        '3,1110,[[550,110,6,104],[2000,1000,167,833]],[["card",110],["cash",1000]],41,43,123456,false,2,"2026-11-20T18:30:00.000Z",' +
        `"${GENESIS}","0123456789abcdef"]`,
    );
  });

  it('hashes to a known answer, and any field changed changes it', () => {
    // sha256sum of the text above, taken with coreutils.
    expect(closingHash(RECORD)).toBe('14194b31930909c7cebd47f26d246a5fc09bbbccace540b8b64fe7a90ae4af11');
    expect(closingHash({ ...RECORD, perpetualCents: 123457 })).not.toBe(closingHash(RECORD));
    expect(closingHash({ ...RECORD, totals: { ...RECORD.totals, byTender: [{ kind: 'cash', cents: 1001 }, { kind: 'card', cents: 109 }] } })).not.toBe(closingHash(RECORD));
  });

  it('refuses a format it does not know', () => {
    expect(() => canonicalClosing({ ...RECORD, format: 2 })).toThrow(/format 2/);
  });
});
