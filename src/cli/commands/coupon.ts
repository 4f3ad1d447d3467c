import type { Command } from 'commander';
import { usesOf } from '../../app/coupons/codes';
import { EMPTY_FIELDS, fieldsOf, type DefinitionFields } from '../../app/coupons/definitionFields';
import { activateScheme, couponBySymbol, defineScheme } from '../../app/coupons/definitions';
import { refuse } from '../../app/errors';
import { listDefinitions, listSchemes, type DefinitionRecord } from '../../data/coupons';
import type { Db } from '../../data/db';
import type { Lang } from '../../domain/money';
import { t, type MessageKey } from '../../i18n/messages';
import { collect } from '../args';
import type { Runner } from '../context';
import { withDatabase, withReadDatabase } from '../connection';
import { cliChange, cliRuleChange, operatorOption, withGate } from '../change';
import { couponDefine, couponEdit } from '../../app/coupons/changes';
import { emit, emitRead, table } from '../output';
import { registerCouponCodes } from './couponCodes';
import { definitionJson, schemeJson, useJson } from './couponJson';
import { definitionsText, schemesText, usesText } from './couponText';

export interface DefinitionOptions {
  symbol?: string;
  name?: string;
  type?: string;
  percent?: string;
  amount?: string;
  price?: string;
  items?: string;
  minQty?: string;
  minAmount?: string;
  part?: string[];
  maxBundles?: string;
  holder?: string;
  customerRule?: string;
  limitScope?: string;
  /** false with --no-limit */
  limit?: string | false;
  from?: string;
  until?: string;
  schedule?: string;
  exclusive?: boolean;
  combinable?: boolean;
  stores?: string;
  conditions?: string;
  scheme?: string;
  active?: boolean;
  inactive?: boolean;
}

/** At most one of these options, by their names on the command line. */
function oneOf(given: Record<string, unknown>): string | undefined {
  const set = Object.entries(given).filter(([, v]) => v !== undefined && v !== false);
  if (set.length > 1) refuse('coupon.cli.oneOf', { options: Object.keys(given).join(', ') });
  return set[0]?.[0];
}

/** The options given, as the fields of a definition (what was not given is left out). */
export function fieldsFromOptions(o: DefinitionOptions): Partial<DefinitionFields> {
  const f: Partial<DefinitionFields> = {};
  const value = oneOf({ '--percent': o.percent, '--amount': o.amount, '--price': o.price });
  if (value) {
    f.valueKind = value.slice(2);
    f.value = (o.percent ?? o.amount ?? o.price)!;
  }
  const active = oneOf({ '--active': o.active, '--inactive': o.inactive });
  if (active) f.active = active === '--active';
  const exclusive = oneOf({ '--exclusive': o.exclusive, '--combinable': o.combinable });
  if (exclusive) f.exclusive = exclusive === '--exclusive';
  if (o.limit === false) {
    f.limitScope = '';
    f.limit = '';
  } else if (o.limit !== undefined) f.limit = o.limit;
  if (o.part !== undefined && o.part.length > 0) f.parts = o.part.join(' + ');
  const texts: [keyof DefinitionFields, string | undefined][] = [
    ['symbol', o.symbol], ['name', o.name], ['type', o.type], ['items', o.items], ['minQty', o.minQty], ['minAmount', o.minAmount],
    ['maxBundles', o.maxBundles], ['holder', o.holder], ['customerRule', o.customerRule], ['limitScope', o.limitScope],
    ['validFrom', o.from], ['validUntil', o.until], ['schedule', o.schedule], ['stores', o.stores], ['conditions', o.conditions], ['scheme', o.scheme],
  ];
  for (const [k, v] of texts) if (v !== undefined) (f as Record<string, string>)[k] = v;
  return f;
}

async function shown(db: Db, d: DefinitionRecord) {
  return definitionJson(d, await fieldsOf(db, d));
}

/** The options a definition takes, on `define` and `edit` alike. */
function definitionOptions(c: Command): Command {
  return c
    .option('--name <text>', 'its name (not unique)')
    .option('--type <type>', 'ticket, customer, customer_group, bundle or threshold')
    .option('--percent <n>', 'a percentage off, e.g. 10 or 12,5')
    .option('--amount <euros>', 'an amount off, e.g. 5 or 2,50')
    .option('--price <euros>', 'the price a bundle sells at')
    .option('--items <codes>', 'the items it is on: SKUs, and @GROUP for an item group, comma-separated')
    .option('--min-qty <n>', 'threshold: least quantity of those items (of the ticket for a ticket discount)')
    .option('--min-amount <euros>', 'threshold: least amount of those items (of the ticket for a ticket discount)')
    .option('--part <codes[:qty]>', 'a bundle part: SKUs or @GROUPs and how many, e.g. BOUL-001:2; repeatable', collect)
    .option('--max-bundles <n>', 'how many bundles one code gives on a ticket (default: all)')
    .option('--holder <who>', 'who the codes are for: none, customer or group (default: the table\'s for the type)')
    .option('--customer-rule <rule>', 'customer on the document: optional, required or matching (the code\'s customer or group)')
    .option('--limit-scope <scope>', 'uses limited globally, per store or per customer: global, store, customer')
    .option('--limit <n>', 'how many uses of each code in that scope')
    .option('--from <date>', 'first valid day (2026-12-01 or 01/12/2026)')
    .option('--until <date>', 'last valid day')
    .option('--schedule <text>', 'days and hours, e.g. "mar-jeu 14:00-16:00; sam" (empty: any time)')
    .option('--exclusive', 'not combinable with other coupons')
    .option('--stores <codes>', 'stores that may grant it, comma-separated (empty: every store)')
    .option('--conditions <text>', 'promotion conditions, printed on the ticket')
    .option('--scheme <code>', 'numbering scheme its codes are made from (empty: from the symbol)');
}

export function registerCoupon(program: Command, run: Runner): void {
  const coupon = program.command('coupon').description('discount coupons (bons de réduction) and their codes');

  operatorOption(definitionOptions(coupon.command('define').description('a new discount coupon').requiredOption('--symbol <symbol>', 'its symbol: codes are made from it (REMISE, REMISE1…)')), 'manager')
    .option('--inactive', 'not usable until activated')
    .action((opts: DefinitionOptions & { operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const given = fieldsFromOptions(opts);
        const fields = { ...EMPTY_FIELDS, ...given };
        const doc = await withGate(ctx, async (gate) =>
          shown(gate.db, await cliRuleChange(ctx, gate, { operator: opts.operator, command: 'coupon.define', needs: 'manager' }, couponDefine(fields, given))));
        emit(ctx, doc, () => [t(ctx.config.lang, 'coupon.cli.defined', { symbol: doc.symbol, name: doc.name })]);
      }),
    );

  operatorOption(definitionOptions(coupon.command('edit').description('change a discount coupon: the options given, the others stay').argument('<symbol>', 'the coupon\'s symbol')), 'manager')
    .option('--no-limit', 'no usage limit any more')
    .option('--combinable', 'combinable with other coupons again')
    .option('--active', 'usable')
    .option('--inactive', 'not usable')
    .action((symbol: string, opts: DefinitionOptions & { operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const given = fieldsFromOptions(opts);
        const doc = await withGate(ctx, async (gate) =>
          shown(gate.db, await cliRuleChange(ctx, gate, { operator: opts.operator, command: 'coupon.edit', needs: 'manager' }, couponEdit(symbol, given))));
        emit(ctx, doc, () => [t(ctx.config.lang, 'coupon.cli.edited', { symbol: doc.symbol })]);
      }),
    );

  coupon
    .command('list')
    .description('every discount coupon: name, active, validity, discount and type, schedule')
    .action((_opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { defs, docs, source } = await withReadDatabase(ctx.config, async (db, source) => {
          const defs = await listDefinitions(db);
          return { defs, docs: ctx.json ? await Promise.all(defs.map((d) => shown(db, d))) : [], source };
        });
        emitRead(ctx, source, { coupons: docs }, () => definitionsText(defs, ctx.config.lang));
      }),
    );

  coupon
    .command('show')
    .description('one discount coupon, every field')
    .argument('<symbol>', 'the coupon\'s symbol')
    .action((symbol: string, _opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { def, fields } = await withDatabase(ctx.config, async (db) => {
          const def = await couponBySymbol(db, symbol);
          return { def, fields: await fieldsOf(db, def) };
        });
        emit(ctx, definitionJson(def, fields), () => showText(ctx.config.lang, fields));
      }),
    );

  coupon
    .command('uses')
    .description('where a code was used (Utilisations): ticket, store, customer, amount, time')
    .argument('<code>', 'the code')
    .action((code: string, _opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { found, source } = await withReadDatabase(ctx.config, async (db, source) => ({ found: await usesOf(db, code), source }));
        emitRead(ctx, source, { code: found.code.code, uses: found.uses.map(useJson) }, () =>
          found.uses.length === 0 ? [t(ctx.config.lang, 'coupon.cli.noUses', { code: found.code.code })] : usesText(found.uses, ctx.config.lang, ctx.config.timeZone));
      }),
    );

  registerCouponCodes(coupon, run);

  const scheme = coupon.command('scheme').description('numbering schemes codes can be made from');
  operatorOption(scheme
    .command('define')
    .description('a numbering scheme: {N:6} the next number, {R:8} random characters, {YY}/{YYYY} the year')
    .argument('<code>', 'its code')
    .requiredOption('--pattern <pattern>', 'e.g. BR{YY}-{N:6}')
    .option('--name <text>', 'its name')
    .option('--inactive', 'not to be chosen for now'), 'manager')
    .action((code: string, opts: { pattern: string; name?: string; inactive?: boolean; operator?: string }, cmd: Command) =>
      run(cmd, async (ctx) => {
        const s = await withGate(ctx, (gate) =>
          cliChange(ctx, gate, { operator: opts.operator, command: 'coupon.scheme', action: 'coupon_scheme_define', needs: 'manager' }, (trx) =>
            defineScheme(trx, { code, name: opts.name ?? '', pattern: opts.pattern, active: !opts.inactive }), (x) => ({ code: x.code, pattern: x.pattern, active: x.active })));
        emit(ctx, schemeJson(s), () => [t(ctx.config.lang, 'coupon.cli.schemeDefined', { code: s.code, pattern: s.pattern })]);
      }),
    );
  scheme
    .command('list')
    .description('the numbering schemes')
    .action((_opts, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { schemes, source } = await withReadDatabase(ctx.config, async (db, source) => ({ schemes: await listSchemes(db), source }));
        emitRead(ctx, source, { schemes: schemes.map(schemeJson) }, () => schemesText(schemes, ctx.config.lang));
      }),
    );
  for (const [name, active] of [['activate', true], ['deactivate', false]] as const) {
    operatorOption(scheme
      .command(name)
      .description(active ? 'let the scheme be chosen' : 'keep the scheme from being chosen')
      .argument('<code>', 'its code'), 'manager')
      .action((code: string, opts: { operator?: string }, cmd: Command) =>
        run(cmd, async (ctx) => {
          const s = await withGate(ctx, (gate) =>
            cliChange(ctx, gate, { operator: opts.operator, command: `coupon.scheme`, action: 'coupon_scheme_active', needs: 'manager' }, async (trx) => {
              await activateScheme(trx, code, active);
              return (await listSchemes(trx)).find((x) => x.code === code.trim().toUpperCase())!;
            }, (x) => ({ code: x.code, active })));
          emit(ctx, schemeJson(s), () => schemesText([s], ctx.config.lang));
        }),
      );
  }
}

/** Every field as the back room's form names it. */
function showText(lang: Lang, f: DefinitionFields): string[] {
  const labels: [keyof DefinitionFields, MessageKey][] = [
    ['symbol', 'coupon.field.symbol'], ['name', 'coupon.field.name'], ['type', 'coupon.field.type'], ['valueKind', 'coupon.field.valueKind'],
    ['value', 'coupon.field.value'], ['items', 'coupon.field.items'], ['minQty', 'coupon.field.minQty'], ['minAmount', 'coupon.field.minAmount'],
    ['parts', 'coupon.field.parts'], ['maxBundles', 'coupon.field.maxBundles'], ['holder', 'coupon.field.holder'], ['customerRule', 'coupon.field.customerRule'],
    ['limitScope', 'coupon.field.limitScope'], ['limit', 'coupon.field.limit'], ['validFrom', 'coupon.field.validFrom'], ['validUntil', 'coupon.field.validUntil'],
    ['schedule', 'coupon.field.schedule'], ['exclusive', 'coupon.field.exclusive'], ['stores', 'coupon.field.stores'], ['conditions', 'coupon.field.conditions'],
    ['scheme', 'coupon.field.scheme'], ['active', 'coupon.field.active'],
  ];
  const text = (v: string | boolean) => (typeof v === 'boolean' ? t(lang, v ? 'coupon.yes' : 'coupon.no') : v || '—');
  return table(labels.map(([k, label]) => [t(lang, label), text(f[k])]), ['left', 'left']);
}
