import { memo } from 'react';
import { Box, Text } from 'ink';
import { lineTotal, type Basket, type BasketLine } from '../../domain/basket';
import type { Adjustment } from '../../domain/pricingRule';
import { isMessageKey } from '../../i18n/messages';
import { useUi } from '../context';
import { fit, right, wrap } from '../columns';
import { useLive } from '../hooks/useLive';
import { adjustmentTag, lineTag, tagsKey, type LiveTag } from './liveTags';

interface Props {
  lines: readonly BasketLine[];
  /** Ticket discounts (coupons, customer discount…), shown under the lines. */
  adjustments?: readonly Adjustment[];
  /** Why a rule kept on the ticket gives nothing now. */
  notes?: Basket['notes'];
  selectedId: number | null;
  height: number;
  width: number;
}

const QTY = 6;
const PRICE = 11;
const TOTAL = 12;

/** The lines of the ticket, newest at the bottom, scrolled to keep the selected line in view. */
export const BasketView = memo(function BasketView({ lines, adjustments = [], notes = [], selectedId, height, width }: Props) {
  const { t, money, say } = useUi();
  // What another till or the back office changed meanwhile ("plus que 3"…): drawn again when it changes.
  const { live } = useLive((l) => tagsKey(l, lines, adjustments), '');
  const tagText = (tag: LiveTag | null) => (tag ? ` ${say({ ...tag, tone: 'info' })}` : '');
  const nameWidth = Math.max(10, width - QTY - PRICE - TOTAL);
  // A note says why a rule gives nothing: it wraps, never cut, and the lines give way to it.
  const noteLines = notes.map((n) => ({ ref: n.ref, lines: wrap(t('sale.note', { ref: n.ref, reason: t(isMessageKey(n.reason) ? n.reason : 'pricing.unknownRule', n.params) }), width) }));
  const extra = adjustments.length + noteLines.reduce((sum, n) => sum + n.lines.length, 0);
  const rows = Math.max(1, height - 1 - extra);
  const selIndex = Math.max(0, selectedId === null ? lines.length - 1 : lines.findIndex((l) => l.lineId === selectedId));
  let first = Math.max(0, lines.length - rows);
  if (selIndex < first) first = selIndex;
  const visible = lines.slice(first, first + rows);
  return (
    <Box flexDirection="column" height={height}>
      <Text dimColor>
        {fit(first > 0 ? `${t('sale.col.item')}  ${t('sale.more', { n: first })}` : t('sale.col.item'), nameWidth)}
        {right(t('sale.col.qty'), QTY)}
        {right(t('sale.col.price'), PRICE)}
        {right(t('sale.col.total'), TOTAL)}
      </Text>
      {lines.length === 0 && <Text dimColor>{t('sale.empty.hint')}</Text>}
      {visible.map((l) => {
        const selected = l.lineId === lines[selIndex]?.lineId;
        // A line returned against its ticket says which; what its sale took off is not a discount given now.
        const tags = l.returnOf ? [t('return.lineLabel', { ticket: l.returnOf.ticket })] : [l.overriddenBy !== null ? t('sale.overrideTag') : '', l.discount ? t('sale.discountTag') : ''].filter(Boolean);
        const name = tags.length ? `${l.item.name} (${tags.join(', ')})` : l.item.name;
        const tag = lineTag(live, l);
        const said = tagText(tag);
        const shown = fit(name, nameWidth - said.length).trimEnd();
        return (
          <Text key={l.lineId} inverse={selected} color={l.qty < 0 ? 'magenta' : undefined}>
            {shown}
            {said && <Text color={tag!.color} bold>{said}</Text>}
            {' '.repeat(nameWidth - shown.length - said.length)}
            {right(String(l.qty), QTY)}
            {right(money(l.unitPriceCents), PRICE)}
            {right(money(lineTotal(l)), TOTAL)}
          </Text>
        );
      })}
      {adjustments.map((a) => {
        const said = tagText(adjustmentTag(live, a));
        return (
        <Text key={`a-${a.ref}`} color="green">
          {fit(a.label, nameWidth + QTY + PRICE - said.length)}
          {said && <Text color="red" bold>{said}</Text>}
          {right(money(-a.cents), TOTAL)}
        </Text>
        );
      })}
      {noteLines.flatMap((n) => n.lines.map((line, i) => (
        <Text key={`n-${n.ref}-${i}`} color="yellow">
          {line}
        </Text>
      )))}
    </Box>
  );
});
