import { accountAfterSale } from '../../data/accounts';
import { customerById } from '../../data/customers';
import { loyaltyMovementsOfSale } from '../../data/loyalty';
import { formatEuros } from '../../domain/money';
import type { Block } from '../../domain/receipt';
import { t } from '../../i18n/messages';
import type { ReceiptSection } from '../receiptSection';

/**
 * The customer's part of a ticket: who, the points this sale earned and spent and the balance
 * it left, the visits, and the account's balance after it. Read from the ledgers by the sale's
 * id, so a reprint says what the original said.
 */
export const customerReceipt: ReceiptSection = async (db, sale, config) => {
  if (sale.customerId === null) return [];
  const { lang } = config;
  const [customer, moves, account] = await Promise.all([customerById(db, sale.customerId), loyaltyMovementsOfSale(db, sale.id), accountAfterSale(db, sale.id)]);
  if (!customer) return [];
  const out: Block[] = [{ t: 'pair', left: t(lang, 'receipt.customer'), right: `${customer.name} (${customer.code})` }];
  const points = moves.filter((m) => m.unit === 'points');
  const earned = points.filter((m) => m.kind === 'earn' || m.kind === 'return').reduce((s, m) => s + m.amount, 0);
  const expired = points.filter((m) => m.kind === 'expire').reduce((s, m) => s - m.amount, 0);
  if (earned !== 0) out.push({ t: 'pair', left: t(lang, 'receipt.pointsEarned'), right: earned > 0 ? `+${earned}` : String(earned) });
  for (const m of moves.filter((x) => x.kind === 'spend')) {
    out.push({ t: 'pair', left: t(lang, m.unit === 'points' ? 'receipt.pointsSpent' : 'receipt.visitsSpent', { reward: m.rewardName ?? '' }), right: String(m.amount) });
  }
  if (expired > 0) out.push({ t: 'pair', left: t(lang, 'receipt.pointsExpired'), right: String(-expired) });
  const lastPoints = points.at(-1);
  if (lastPoints) out.push({ t: 'pair', left: t(lang, 'receipt.pointsBalance'), right: String(lastPoints.balanceAfter), bold: true });
  const lastVisit = moves.filter((m) => m.unit === 'visits').at(-1);
  if (lastVisit) out.push({ t: 'pair', left: t(lang, 'receipt.visits'), right: String(lastVisit.balanceAfter) });
  if (account) out.push({ t: 'pair', left: t(lang, 'receipt.accountBalance'), right: formatEuros(account.balanceAfterCents, lang) });
  return out;
};
