import type { Lang } from '../domain/money';
import { en } from './en';
import { fr } from './fr';

export type MessageKey = keyof typeof fr;
export type Params = Record<string, string | number>;

const catalogs: Record<Lang, Record<MessageKey, string>> = { fr, en };

export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  return catalogs[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function isMessageKey(key: string): key is MessageKey {
  return key in fr;
}
