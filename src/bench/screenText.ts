// What the bench looks for on the till's screen, taken from the French catalog (the default
// language) so that a reworded message cannot leave the bench waiting for text that never comes.
import { t } from '../i18n/messages';

/** The login screen once the database answered: its title and the status bar's "base OK". */
export function loginReady(screen: string): boolean {
  return screen.includes(t('fr', 'login.title')) && screen.includes(t('fr', 'status.db.ok'));
}

/** "301 art.", the article count under the basket. */
export function articleCount(n: number): string {
  return t('fr', 'sale.items', { n });
}
