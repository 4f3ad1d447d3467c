import type { Config } from '../../config/schema';
import type { CustomerRecord } from '../../data/customers';
import type { Db } from '../../data/db';
import { loyaltySlipBlocks } from '../../domain/slips';
import type { PrintDoc } from '../printing';
import { giftText } from './gift';
import { loyaltyView } from './program';

/**
 * A customer's loyalty slip as a document for the print queue: their card, the points they
 * can spend now (those past their date are not), their visits, and a reward within reach.
 */
export async function loyaltySlipDoc(db: Db, config: Config, customer: CustomerRecord, storeName: string, at = new Date()): Promise<PrintDoc> {
  const { lang } = config;
  const view = await loyaltyView(db, customer, 0);
  const reward = view.within[0];
  return {
    kind: 'slip',
    saleId: null,
    title: customer.code,
    blocks: loyaltySlipBlocks(
      {
        customerName: customer.name,
        cardCode: customer.code,
        balance: view.points - view.pointsExpiring,
        visits: view.program.countVisits ? view.visits : undefined,
        reward: reward ? `${reward.name} (${giftText(reward, lang)})` : null,
        at,
      },
      { lang, timeZone: config.timeZone, storeName },
    ),
  };
}
