import { formatEuros, type Lang } from '../../domain/money';
import type { RefundPart } from '../../domain/saleReturn';
import { t } from '../../i18n/messages';

/** "carte bancaire 12,00 €, bon d’achat 5,00 €": a refund route said in one line. */
export function routeText(route: readonly RefundPart[], lang: Lang): string {
  return route.map((p) => `${t(lang, `return.kind.${p.kind}`)} ${formatEuros(p.cents, lang)}`).join(', ');
}
