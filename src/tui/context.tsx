import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { formatEuros, type Lang } from '../domain/money';
import { t, type MessageKey, type Params } from '../i18n/messages';
import type { Keymap } from './keymap';
import type { Message } from './state/saleState';

interface Ui {
  lang: Lang;
  keymap: Keymap;
}

const UiContext = createContext<Ui>({ lang: 'fr', keymap: {} as Keymap });

export function UiProvider({ lang, keymap, children }: Ui & { children: ReactNode }) {
  const value = useMemo(() => ({ lang, keymap }), [lang, keymap]);
  return <UiContext.Provider value={value}>{children}</UiContext.Provider>;
}

/** The screen's words and amounts, in the till's language. */
export function useUi() {
  const { lang, keymap } = useContext(UiContext);
  return useMemo(() => {
    const money = (cents: number) => formatEuros(cents, lang);
    return {
      lang,
      keymap,
      t: (key: MessageKey, params?: Params) => t(lang, key, params),
      money,
      say: (m: Message) => {
        const amounts = Object.fromEntries(Object.entries(m.money ?? {}).map(([k, v]) => [k, money(v)]));
        return t(lang, m.key, { ...m.params, ...amounts });
      },
    };
  }, [lang, keymap]);
}
