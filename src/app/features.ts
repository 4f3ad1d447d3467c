// The one list of the features that plug into a sale. The registries (saleEffects.ts,
// tenderProviders.ts, entryResolver.ts, receiptSection.ts) hold only their interfaces, which
// the features import; the core reads the lists from here and never imports a feature, so the
// import graph stays acyclic (checked by dpdm on every `npm test`).
import { accountEffect } from './accounts/effect';
import { accountTender } from './accounts/tender';
import { autoCloseEffect } from './closings/autoClose';
import { couponEffect } from './coupons/effect';
import { couponReceipt } from './coupons/receipt';
import { couponEntry } from './coupons/resolver';
import { customerCardResolver } from './customers/card';
import { customerReceipt } from './customers/receipt';
import type { EntryResolver } from './entryResolver';
import { giftcertEffect } from './giftcerts/effect';
import { giftcertReceipt } from './giftcerts/receipt';
import { giftcertTender } from './giftcerts/tender';
import { giftCardEffect } from './giftcards/effect';
import { giftCardEntry } from './giftcards/entry';
import { giftCardReceipt } from './giftcards/receipt';
import { giftCardTender } from './giftcards/tender';
import { loyaltyEffect } from './loyalty/effect';
import type { ReceiptSection } from './receiptSection';
import { returnEffect } from './returns/effect';
import { returnReceipt } from './returns/receipt';
import type { SaleEffect } from './saleEffects';
import { scaleEntry } from './scaleEntry';
import { stockEffect } from './stock/effect';
import type { TenderProvider } from './tenderProviders';
import { voucherEffect } from './vouchers/effect';
import { voucherEntry } from './vouchers/entry';
import { voucherReceipt } from './vouchers/receipt';
import { voucherTender } from './vouchers/tender';

/**
 * Run in this order inside the sale's transaction. Closing a day left open comes first: it is
 * said before anything the sale does. Returns next: a line returned twice over refuses the
 * ticket before anything else is written. Vouchers and gift cards last: one spent on many tills
 * at once is a hot row, locked from its debit to the commit, and every statement after the
 * debit keeps the other tills waiting on it (measured by the chain bench's hot vouchers).
 */
export const SALE_EFFECTS: SaleEffect[] = [autoCloseEffect, returnEffect, couponEffect, loyaltyEffect, accountEffect, giftcertEffect, stockEffect, voucherEffect, giftCardEffect];

/** Offered on the payment screen, each on its key. */
export const TENDER_PROVIDERS: TenderProvider[] = [voucherTender, accountTender, giftCardTender, giftcertTender];

/** Tried in turn on the entry line, after the catalogue and before a name search. */
export const ENTRY_RESOLVERS: EntryResolver[] = [giftCardEntry, scaleEntry, customerCardResolver, couponEntry, voucherEntry];

/** Printed on the receipt, in this order. */
export const RECEIPT_SECTIONS: ReceiptSection[] = [returnReceipt, customerReceipt, voucherReceipt, giftCardReceipt, giftcertReceipt, couponReceipt];
