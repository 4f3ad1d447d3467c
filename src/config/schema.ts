import { z } from 'zod';

/** A key as the keymap names it: "f1"…"f12", "ctrl+t", "delete", "pageup"… */
const keyName = z.string().regex(/^(ctrl\+)?([a-z]|f([1-9]|1[0-2])|delete|insert|pageup|pagedown|home|end|tab)$/, 'nom de touche inconnu');

export const COMMANDS = [
  'help', 'search', 'quantity', 'voidLine', 'priceOverride', 'lineDiscount', 'cancelSale',
  'reprint', 'logout', 'tender', 'cash', 'card', 'removeTender', 'quit',
] as const;
export type Command = (typeof COMMANDS)[number];

export const configSchema = z.strictObject({
  lang: z.enum(['fr', 'en']),
  terminal: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/, 'code de caisse attendu (lettres, chiffres, - ou _)'),
  timeZone: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat('fr-FR', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'fuseau horaire inconnu'),
  /** This till's own files: the embedded database, spooled sales, receipts, the log. */
  dataDir: z.string().min(1),
  db: z.strictObject({
    url: z.string().refine((u) => u === '' || /^postgres(ql)?:\/\//.test(u), 'URL postgres://… attendue'),
    embedded: z.strictObject({ port: z.number().int().min(1024).max(65535) }),
    poolMax: z.number().int().min(1).max(100),
    connectTimeoutMs: z.number().int().min(100).max(120_000),
    retryMs: z.number().int().min(100).max(600_000),
  }),
  receipt: z.strictObject({
    output: z.enum(['file', 'console', 'none']),
    file: z.string().min(1),
    columns: z.union([z.literal(32), z.literal(42), z.literal(48)]),
  }),
  keys: z.strictObject(Object.fromEntries(COMMANDS.map((c) => [c, z.array(keyName).min(1)])) as Record<Command, z.ZodArray<typeof keyName>>),
});

export type Config = z.infer<typeof configSchema>;
