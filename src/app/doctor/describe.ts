import type { Lang } from '../../domain/money';
import { t, type MessageKey } from '../../i18n/messages';
import { worst, type Finding } from './findings';

// A finding in words, for the command line and the back room alike.

export interface Said {
  mark: '✓' | '!' | '✗' | '·';
  label: string;
  found: string;
  advice: string | null;
}

const MARKS = { ok: '✓', warn: '!', fail: '✗', skip: '·' } as const;

export function describeFinding(lang: Lang, f: Finding): Said {
  const params = { ...f.params };
  // A device's role and error are said in words of the language.
  if (typeof params.role === 'string' && !params.role.includes(',')) params.role = t(lang, `device.role.${params.role}` as MessageKey);
  if (typeof params.error === 'string') params.error = t(lang, `device.error.${params.error}` as MessageKey);
  return {
    mark: MARKS[f.status],
    label: t(lang, `doctor.check.${f.check}` as MessageKey),
    found: t(lang, f.found, params),
    advice: f.advice ? t(lang, f.advice, params) : null,
  };
}

/** The summary line: all well, or how many to watch or to fix. */
export function summary(lang: Lang, findings: readonly Finding[]): string {
  const w = worst(findings);
  return t(lang, `doctor.summary.${w}` as MessageKey, { n: findings.filter((f) => f.status === w).length });
}
