import { formatEuros, type Lang } from '../../domain/money';
import type { Reward } from '../../domain/loyalty/program';
import { formatRate } from '../../domain/vat';
import { t } from '../../i18n/messages';

/** What a reward gives, said in `lang`: "5,00 € de remise", "10 % de remise", "Café expresso offert". */
export function giftText(r: Reward, lang: Lang): string {
  const g = r.gift;
  if (g.kind === 'amount') return t(lang, 'gift.amount', { amount: formatEuros(g.cents, lang) });
  if (g.kind === 'percent') return t(lang, 'gift.percent', { rate: formatRate(g.bp, lang) });
  return t(lang, 'gift.item', { name: g.itemName });
}
