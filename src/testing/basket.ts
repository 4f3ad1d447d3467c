import { basketReducer, type Basket, type BasketAction } from '../domain/basket';

/** The basket after `actions`, each as the till applies it; a refused one fails the test with its reason. */
export function applyActions(basket: Basket, ...actions: BasketAction[]): Basket {
  for (const a of actions) {
    const r = basketReducer(basket, a);
    if ('error' in r) throw new Error(r.error);
    basket = r.basket;
  }
  return basket;
}
