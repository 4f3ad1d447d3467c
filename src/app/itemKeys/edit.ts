import type { Knex } from 'knex';
import { publishEvents } from '../../data/events';
import { deleteKey, deletePages, insertPage, keyPagesOf, lockScope, putKey, relabelKey, type KeyPageRow, type KeyScope } from '../../data/itemKeys';
import { stockItemsByCode } from '../../data/stock';
import { CAPTION_MAX, checkPages, findPage, MAX_PAGES, PAGE_NAME_MAX, parseLabel, type ConfigPage } from '../../domain/itemKeys';
import { refuse } from '../errors';

// Editing item key pages (back office, CLI, configuration file). Each change is one
// transaction, checked whole before anything is written (an unknown page, a key with no item,
// an item that does not exist: refused, nothing changed), and ends with a `keys` event: every
// till of the store reads its pages again at once.

async function edit<T>(db: Knex, scope: KeyScope, work: (trx: Knex.Transaction, pages: KeyPageRow[]) => Promise<T>): Promise<T> {
  return db.transaction(async (trx) => {
    await lockScope(trx, scope);
    const result = await work(trx, await keyPagesOf(trx, scope));
    await publishEvents(trx, [{ kind: 'keys', storeId: scope.storeId, subject: scope.terminalId === null ? 'store' : `till:${scope.terminalId}` }]);
    return result;
  });
}

function pageOf(pages: KeyPageRow[], text: string): KeyPageRow {
  const i = findPage(pages, text);
  if (i === null) refuse('keys.page.unknown', { page: text.trim() });
  return pages[i]!;
}

function labelOf(text: string): string {
  const label = parseLabel(text);
  if (label === null) refuse('keys.label.bad', { label: text.trim() });
  return label;
}

function captionOf(text: string | undefined): string | null {
  const c = (text ?? '').trim();
  if (c.length > CAPTION_MAX) refuse('keys.caption.tooLong', { max: CAPTION_MAX });
  return c === '' ? null : c;
}

async function itemOf(trx: Knex.Transaction, code: string): Promise<number> {
  const text = code.trim();
  const item = text === '' ? undefined : (await stockItemsByCode(trx, [text])).get(text);
  if (!item) refuse(text === '' ? 'keys.key.noItem' : 'item.unknownCode', { code: text });
  return item.id;
}

export async function addPage(db: Knex, scope: KeyScope, name: string): Promise<{ position: number; name: string }> {
  const n = name.trim();
  if (n.length < 1 || n.length > PAGE_NAME_MAX) refuse('keys.page.name', { name: n });
  return edit(db, scope, async (trx, pages) => {
    if (pages.length >= MAX_PAGES) refuse('keys.page.tooMany', { max: MAX_PAGES });
    if (findPage(pages, n) !== null) refuse('keys.page.exists', { page: n });
    const position = (pages.at(-1)?.position ?? 0) + 1;
    await insertPage(trx, scope, position, n);
    return { position, name: n };
  });
}

export async function removePage(db: Knex, scope: KeyScope, page: string): Promise<{ name: string }> {
  return edit(db, scope, async (trx, pages) => {
    const p = pageOf(pages, page);
    await deletePages(trx, [p.id]);
    return { name: p.name };
  });
}

/** Puts an item on a key (replacing what was there). */
export async function setKey(db: Knex, scope: KeyScope, o: { page: string; label: string; code: string; caption?: string }): Promise<{ page: string; label: string }> {
  const label = labelOf(o.label);
  const caption = captionOf(o.caption);
  return edit(db, scope, async (trx, pages) => {
    const p = pageOf(pages, o.page);
    await putKey(trx, p.id, label, await itemOf(trx, o.code), caption);
    return { page: p.name, label };
  });
}

export async function removeKey(db: Knex, scope: KeyScope, o: { page: string; label: string }): Promise<{ page: string; label: string }> {
  const label = labelOf(o.label);
  return edit(db, scope, async (trx, pages) => {
    const p = pageOf(pages, o.page);
    if ((await deleteKey(trx, p.id, label)) === 0) refuse('keys.key.none', { label, page: p.name });
    return { page: p.name, label };
  });
}

/** Moves a key to another place on its page; a key already there takes the place left. */
export async function moveKey(db: Knex, scope: KeyScope, o: { page: string; from: string; to: string }): Promise<{ page: string; from: string; to: string }> {
  const from = labelOf(o.from);
  const to = labelOf(o.to);
  return edit(db, scope, async (trx, pages) => {
    const p = pageOf(pages, o.page);
    const moving = p.keys.find((k) => k.label === from);
    if (!moving) refuse('keys.key.none', { label: from, page: p.name });
    if (from !== to) {
      const there = p.keys.find((k) => k.label === to);
      await deleteKey(trx, p.id, from);
      if (there) await relabelKey(trx, p.id, to, from);
      await putKey(trx, p.id, to, moving.itemId, moving.caption);
    }
    return { page: p.name, from, to };
  });
}

/**
 * Makes a scope's pages those of the configuration file: every page and key checked, every
 * item found, before the old pages are replaced; the first fault refused with its page and key.
 */
export async function applyPages(db: Knex, scope: KeyScope, pages: readonly ConfigPage[]): Promise<{ pages: number; keys: number }> {
  const fault = checkPages(pages);
  if (fault) refuse(fault.error, fault.params);
  return edit(db, scope, async (trx, old) => {
    const codes = [...new Set(pages.flatMap((p) => Object.values(p.keys).map((c) => c.trim())))];
    const found = await stockItemsByCode(trx, codes);
    for (const p of pages) {
      for (const [label, code] of Object.entries(p.keys)) {
        if (code.trim() === '') refuse('keys.config.noItem', { page: p.name, label });
        if (!found.has(code.trim())) refuse('keys.config.unknownItem', { page: p.name, label, code: code.trim() });
      }
    }
    await deletePages(trx, old.map((p) => p.id));
    let keys = 0;
    for (const [i, p] of pages.entries()) {
      const id = await insertPage(trx, scope, i + 1, p.name.trim());
      for (const [label, code] of Object.entries(p.keys)) {
        await putKey(trx, id, label.toUpperCase(), found.get(code.trim())!.id, null);
        keys += 1;
      }
    }
    return { pages: pages.length, keys };
  });
}
