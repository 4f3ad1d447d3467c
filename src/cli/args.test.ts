import { describe, expect, it } from 'vitest';
import { parseCountArg, parseDayArg, parseLineArg, parseTenderArg, parseTicketArg } from './args';

const refusedWith = (key: string) => expect.objectContaining({ key });

describe('command-line values', () => {
  it('reads lines as CODE or CODE:QTY, a negative quantity being a return', () => {
    expect(parseLineArg('3760000000017')).toEqual({ code: '3760000000017', qty: 1 });
    expect(parseLineArg('CAVE-001:-2')).toEqual({ code: 'CAVE-001', qty: -2 });
    expect(() => parseLineArg('CAVE-001:')).toThrow(refusedWith('qty.notNumber'));
    expect(() => parseLineArg('CAVE-001:0')).toThrow(refusedWith('qty.zero'));
    expect(() => parseLineArg('A B:1')).toThrow(refusedWith('cli.lineInvalid'));
  });

  it('reads tenders as kind:amount in euros, either decimal mark', () => {
    expect(parseTenderArg('cash:12.50')).toEqual({ kind: 'cash', cents: 1250 });
    expect(parseTenderArg('CARD:12,5')).toEqual({ kind: 'card', cents: 1250 });
    expect(() => parseTenderArg('cash:12.345')).toThrow(expect.objectContaining({ key: 'amount.invalid', params: { text: '12.345' } }));
    expect(() => parseTenderArg('12.50')).toThrow(refusedWith('cli.tenderInvalid'));
    expect(() => parseTenderArg('cheque:5')).toThrow(refusedWith('cli.tenderInvalid'));
    expect(parseTenderArg('voucher:BA-7K2M:20')).toEqual({ kind: 'voucher', cents: 2000, ref: 'BA-7K2M' });
    expect(parseTenderArg('account:15,50')).toEqual({ kind: 'account', cents: 1550 });
  });

  it('reads a ticket as its number or its printed label', () => {
    expect(parseTicketArg('42')).toEqual({ terminal: null, ticketNo: 42 });
    expect(parseTicketArg('T01-000042')).toEqual({ terminal: 'T01', ticketNo: 42 });
    expect(parseTicketArg('CAISSE-2-000007')).toEqual({ terminal: 'CAISSE-2', ticketNo: 7 });
    expect(() => parseTicketArg('0')).toThrow(refusedWith('cli.ticketInvalid'));
    expect(() => parseTicketArg('T01-')).toThrow(refusedWith('cli.ticketInvalid'));
  });

  it('reads counts within bounds', () => {
    expect(parseCountArg('--limit', '20', 1, 1000)).toBe(20);
    for (const bad of ['0', '1001', '-1', '2.5', 'ten', '']) expect(() => parseCountArg('--limit', bad, 1, 1000)).toThrow(refusedWith('cli.numberInvalid'));
  });

  it('turns a day into midnight-to-midnight in the shop time zone, summer time included', () => {
    expect(parseDayArg('2026-01-15', 'Europe/Paris')).toEqual({ from: new Date('2026-01-14T23:00:00Z'), to: new Date('2026-01-15T23:00:00Z') });
    expect(parseDayArg('2026-07-15', 'Europe/Paris').from).toEqual(new Date('2026-07-14T22:00:00Z'));
    // The day summer time starts has 23 hours.
    const { from, to } = parseDayArg('2026-03-29', 'Europe/Paris');
    expect([from, to]).toEqual([new Date('2026-03-28T23:00:00Z'), new Date('2026-03-29T22:00:00Z')]);
    expect(parseDayArg('2026-12-31', 'UTC').to).toEqual(new Date('2027-01-01T00:00:00Z'));
    for (const bad of ['2026-02-29', '2026-13-01', '15/01/2026', '2026-1-5']) expect(() => parseDayArg(bad, 'Europe/Paris')).toThrow(refusedWith('cli.dateInvalid'));
  });
});
