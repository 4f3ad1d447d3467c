import { oneLine } from '../domain/oneLine';
import type { Lang } from '../domain/money';
import { en } from './en';
import { fr } from './fr';

export type MessageKey = keyof typeof fr;
export type Params = Record<string, string | number>;

const catalogs: Record<Lang, Record<MessageKey, string>> = { fr, en };

// Made at the first plural said, not at start: a plural rule costs a few milliseconds to build.
const pluralRules: Partial<Record<Lang, Intl.PluralRules>> = {};
const pluralOf = (lang: Lang, n: number) => (pluralRules[lang] ??= new Intl.PluralRules(lang)).select(n);

/**
 * A count said in words, as ICU messages write it: `{n, plural, one {# item} other {# items}}`.
 * `#` is the count; `=0 {…}` matches a count exactly; the language's own rules pick the rest
 * (French says "0 article", "1 article", English "0 items").
 */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const BRANCH = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

function plural(lang: Lang, value: string | number | undefined, branches: string): string {
  const n = Number(value);
  const forms = new Map([...branches.matchAll(BRANCH)].map((m) => [m[1]!, m[2]!]));
  const form = Number.isFinite(n) ? (forms.get(`=${n}`) ?? forms.get(pluralOf(lang, n)) ?? forms.get('other')) : forms.get('other');
  return (form ?? '').replace(/#/g, value === undefined ? '' : String(value));
}

export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  return catalogs[lang][key]
    .replace(PLURAL, (_, name: string, branches: string) => plural(lang, params[name], branches))
    .replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? oneLine(String(params[name])) : m));
}

export function isMessageKey(key: string): key is MessageKey {
  return key in fr;
}
