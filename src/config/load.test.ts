import { mkdirSync, mkdtempSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load';

const root = new URL('../..', import.meta.url).pathname;

/** A project folder with the real defaults and the given extra files. */
function project(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pos-config-'));
  mkdirSync(join(dir, 'config', 'terminals'), { recursive: true });
  cpSync(join(root, 'config', 'default.json'), join(dir, 'config', 'default.json'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, 'config', name), JSON.stringify(content));
  return dir;
}

describe('configuration', () => {
  it('starts from the defaults: French, terminal T01, the embedded database', () => {
    const c = loadConfig({ root, env: {} });
    expect(c.lang).toBe('fr');
    expect(c.terminal).toBe('T01');
    expect(c.db.url).toBe('');
    expect(c.dataDir).toBe(join(root, '.pos'));
    expect(c.keys.tender).toContain('f12');
  });

  it('layers local.json, the per-terminal file and POS_* variables, in that order', () => {
    const dir = project({ 'local.json': { terminal: 'T02', receipt: { columns: 48 } }, 'terminals/T02.json': { lang: 'en', receipt: { columns: 32 } } });
    const c = loadConfig({ root: dir, env: { POS_RECEIPT_COLUMNS: '42', DATABASE_URL: 'postgres://a@server/pos', POS_KEYS_TENDER: 'ctrl+p, ctrl+y' } });
    expect(c.terminal).toBe('T02');
    expect(c.lang).toBe('en');
    expect(c.receipt.columns).toBe(42);
    expect(c.db.url).toBe('postgres://a@server/pos');
    expect(c.keys.tender).toEqual(['ctrl+p', 'ctrl+y']);
  });

  it('names the bad key and its variable in one clear line', () => {
    expect(() => loadConfig({ root, env: { POS_DB_EMBEDDED_PORT: 'abc' } })).toThrow(/^configuration invalide : db\.embedded\.port \[POS_DB_EMBEDDED_PORT\] : /);
    expect(() => loadConfig({ root, env: { POS_LANG: 'de' } })).toThrow(/lang \[POS_LANG\]/);
    expect(() => loadConfig({ root, env: { POS_KEYS_HELP: 'f13' } })).toThrow(/keys\.help\.0/);
    expect(() => loadConfig({ root, env: { POS_KEYS_HELP: 'h' } })).toThrow(/keys\.help\.0/);
    // F2 is search on the sale screen: tender there too could never be reached.
    expect(() => loadConfig({ root, env: { POS_KEYS_TENDER: 'f2' } })).toThrow(/la touche f2 sert à la fois à keys\.search et à keys\.tender/);
    expect(() => loadConfig({ root, env: { POS_TIME_ZONE: 'Mars/Olympus' } })).toThrow(/timeZone/);
    expect(() => loadConfig({ root, env: { POS_GIFT_CARDS_PREPRINTED_PREFIX: '92A0' } })).toThrow(/giftCards\.preprinted\.prefix \[POS_GIFT_CARDS_PREPRINTED_PREFIX\] : préfixe en chiffres attendu/);
    expect(() => loadConfig({ root, env: { POS_GIFT_CARDS_MIN_CENTS: '0' } })).toThrow(/giftCards\.minCents/);
    // F7 takes a gift card on the payment screen, where it may serve nothing else.
    expect(() => loadConfig({ root, env: { POS_KEYS_GIFT_CARD: 'f6' } })).toThrow(/la touche f6 sert à la fois à keys\.account et à keys\.giftCard/);
    const typo = project({ 'local.json': { recipt: { columns: 42 } } });
    expect(() => loadConfig({ root: typo, env: {} })).toThrow(/recipt/);
    const broken = project({});
    writeFileSync(join(broken, 'config', 'local.json'), '{ "lang": ');
    expect(() => loadConfig({ root: broken, env: {} })).toThrow(ConfigError);
  });

  it('takes api.trustProxy as false, true or a list of proxies, from a file or POS_API_TRUST_PROXY, and refuses anything else', () => {
    expect(loadConfig({ root, env: {} }).api.trustProxy).toBe(false);
    expect(loadConfig({ root, env: { POS_API_TRUST_PROXY: 'true' } }).api.trustProxy).toBe(true);
    expect(loadConfig({ root, env: { POS_API_TRUST_PROXY: '10.0.0.1, 10.0.0.0/8,fd00::/8' } }).api.trustProxy).toEqual(['10.0.0.1', '10.0.0.0/8', 'fd00::/8']);
    const listed = ['loopback', '192.168.1.0/255.255.255.0', '::1'];
    expect(loadConfig({ root: project({ 'local.json': { api: { trustProxy: listed } } }), env: {} }).api.trustProxy).toEqual(listed);
    const refused = /^configuration invalide : api\.trustProxy \[POS_API_TRUST_PROXY\] : false, true ou la liste des adresses ou réseaux des proxys est attendu/;
    for (const bad of ['10.0.0.0/33', '10.0.0', 'proxy.example', '2', '', 'fd00::/129']) expect(() => loadConfig({ root, env: { POS_API_TRUST_PROXY: bad } }), bad).toThrow(refused);
    // A count of hops is refused: fastify trusts no proxy with one.
    for (const bad of [2, [], ['10.0.0.1', 7], 'proxy.example']) expect(() => loadConfig({ root: project({ 'local.json': { api: { trustProxy: bad } } }), env: {} }), JSON.stringify(bad)).toThrow(refused);
  });

  it('speaks English when configured to', () => {
    expect(() => loadConfig({ root, env: { POS_LANG: 'en', POS_RECEIPT_COLUMNS: '40' } })).toThrow(/^invalid configuration: receipt\.columns/);
  });
});
