import type { Knex } from 'knex';
import { countReturned, leftToReturn, storeOfSale } from '../../data/returns';
import { returnedTickets, type BasketLine } from '../../domain/basket';
import type { Lang } from '../../domain/money';
import { creditFor, offRoute, refundRoute } from '../../domain/saleReturn';
import { refuse } from '../errors';
import type { CommittedSale, SaleEffect, SalePolicy } from '../saleEffects';
import type { SaleRequest } from '../saleRequest';
import { routeText } from './words';

/**
 * What a return needs beyond the cashier, where the shop's policy says it: a manager's approval
 * for a return without its ticket, and for a refund paid out otherwise than the tickets were
 * paid (refundRoute: the same way, prepaid money to a voucher or cash). Said before the customer
 * is paid (beforeCommit) and held at the commit.
 */
export function checkReturnApproval(req: Pick<SaleRequest, 'basket' | 'payment' | 'returnApprover'>, policy: SalePolicy, lang: Lang = 'fr'): void {
  if (!policy.returns || req.returnApprover) return;
  const back = req.basket.lines.filter((l) => l.qty < 0);
  if (back.length === 0) return;
  if (back.some((l) => !l.returnOf)) {
    if (policy.returns.withoutTicket === 'manager') refuse('return.withoutTicketNeedsManager');
    return;
  }
  const tickets = returnedTickets(req.basket)!;
  const route = refundRoute(tickets, -req.payment.totalCents, policy.returns.prepaidRefund);
  if (offRoute(route, req.payment.tenders)) refuse('return.refundNeedsManager', { route: routeText(route, lang) });
}

/** The returned lines of the ticket with their place on it, locked in the order of the lines they give back. */
function linked(lines: readonly BasketLine[]): { line: BasketLine; lineNo: number }[] {
  return lines
    .map((line, i) => ({ line, lineNo: i + 1 }))
    .filter((x) => x.line.returnOf)
    .sort((a, b) => a.line.returnOf!.saleId - b.line.returnOf!.saleId || a.line.returnOf!.lineNo - b.line.returnOf!.lineNo);
}

/**
 * Each line returned against its ticket, in the sale's transaction: counted against what was
 * sold by one conditional statement (two tills returning the same line never bring back more
 * than was sold), credited what was worked out when it was picked unless a return made
 * meanwhile changes its share, and linked to the line it gives back. Any refusal rolls the
 * whole ticket back.
 */
async function apply(trx: Knex.Transaction, sale: CommittedSale): Promise<void> {
  const req = sale.request;
  checkReturnApproval(req, sale.policy);
  const audit: { action: string; approver_id: number | null; details: Record<string, unknown> }[] = [];
  for (const { line, lineNo } of linked(req.basket.lines)) {
    const o = line.returnOf!;
    const qty = -line.qty;
    const credited = -sale.insert.lines[lineNo - 1]!.totalCents;
    const store = await storeOfSale(trx, o.saleId);
    if (store?.id !== req.storeId) refuse('return.otherStore', { ticket: o.ticket, store: store?.code ?? '?' });
    const counted = await countReturned(trx, { saleId: sale.id, lineNo, originSaleId: o.saleId, originLineNo: o.lineNo, qty, creditedCents: credited });
    if (!counted) refuse('return.tooManyLeft', { ticket: o.ticket, line: o.lineNo, left: (await leftToReturn(trx, o.saleId, o.lineNo)) ?? o.soldQty });
    // Another till's return came first: these units' share is worked out again from where it left the line.
    if (counted.before !== o.returnedBefore && creditFor(o.soldQty, o.soldCents, counted.before, qty) !== credited) {
      refuse('return.changedMeanwhile', { ticket: o.ticket, line: o.lineNo });
    }
    audit.push({ action: 'return_line', approver_id: null, details: { line: lineNo, ticket: o.ticket, origin_line: o.lineNo, qty, credited_cents: credited } });
  }
  if (req.returnApprover) audit.push({ action: 'return_approved', approver_id: req.returnApprover, details: { total_cents: sale.insert.totalCents } });
  if (audit.length > 0) {
    await trx('audit_log').insert(audit.map((a) => ({ ...a, terminal_id: req.terminalId, operator_id: req.operatorId, sale_id: sale.id })));
  }
}

/** Returns against their ticket, and the manager's approval a return needs (see checkReturnApproval). */
export const returnEffect: SaleEffect = {
  name: 'returns',
  applies: (req) => req.basket.lines.some((l) => l.qty < 0),
  apply,
};
