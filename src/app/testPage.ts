import type { Config } from '../config/schema';
import type { Block } from '../domain/receipt';
import { t } from '../i18n/messages';

/** What `pos devices test printer` prints: the width, the accents, each kind of code. */
export function testPageBlocks(config: Config, printerName: string, now = new Date()): Block[] {
  const { lang } = config;
  const columns = config.receipt.columns;
  const ruler = Array.from({ length: columns }, (_, i) => String((i + 1) % 10)).join('');
  return [
    { t: 'text', text: t(lang, 'testPage.title'), align: 'center', bold: true, big: true },
    { t: 'feed' },
    { t: 'pair', left: t(lang, 'testPage.printer'), right: printerName.slice(0, Math.max(8, columns - 12)) },
    { t: 'pair', left: t(lang, 'testPage.columns'), right: String(columns) },
    { t: 'text', text: ruler },
    { t: 'text', text: `${t(lang, 'testPage.accents')} : àâäéèêëîïôöùûüÿç ÀÉÈÇ € « »` },
    { t: 'rule' },
    { t: 'barcode', value: 'TEST-1234' },
    { t: 'barcode', value: '3760000000017', symbology: 'EAN13' },
    { t: 'qr', value: `pos test ${config.terminal} ${now.toISOString()}` },
    { t: 'feed' },
  ];
}
