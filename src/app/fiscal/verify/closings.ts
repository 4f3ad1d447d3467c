import type { MessageKey } from '../../../i18n/messages';
import { verifyClosings, type Break as ClosingBreak } from '../../closings/verify';
import type { Break, BreakKind, Verifier } from './types';

// The closings' own verifier (hash, signature, chain, figures against the tickets, heads file)
// run by `pos verify` beside the sealed chains, its breaks said the same way as theirs.

const KINDS: Record<ClosingBreak['kind'], BreakKind> = {
  changed: 'changed', signature: 'signature', missing: 'missing', reordered: 'relinked',
  totals: 'totals', perpetual: 'perpetual', truncated: 'truncated', heads: 'heads',
};

export const verifyClosingChains: Verifier = async (db, opts) => {
  const tills = new Map<number, string>((await db('terminals').select('id', 'code')).map((r: { id: number; code: string }) => [r.id, r.code]));
  const terminalId = opts.terminal === undefined ? undefined : ([...tills].find(([, code]) => code === opts.terminal)?.[0] ?? -1);
  const found = await verifyClosings(db, {
    ...(opts.headsFile && { headsFile: opts.headsFile }),
    ...(opts.publicKeys && { publicKeys: opts.publicKeys }),
    ...(opts.from && { since: opts.from }),
    ...(opts.to && { until: opts.to }),
    ...(terminalId !== undefined && { terminalId }),
  });
  return found.map((b): Break => {
    const till = Number(b.chain.split(':')[2]);
    const terminal = b.kind === 'heads' ? '' : Number.isInteger(till) && till > 0 ? (tills.get(till) ?? String(till)) : '';
    return {
      chain: `closing ${b.chain}`, terminal, seq: b.seq, kind: KINDS[b.kind], ref: b.kind === 'heads' ? b.chain : `Z ${b.chain} #${b.seq ?? '-'}`,
      ...(b.fields.length && { field: b.fields.join(', ') }),
      key: `fiscal.break.closing.${b.kind}` as MessageKey,
      params: { chain: b.chain, seq: b.seq ?? '-', period: b.period ?? '-', fields: b.fields.join(', ') },
    };
  });
};
