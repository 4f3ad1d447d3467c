import { useCallback } from 'react';
import { faultDetail, Refusal } from '../../../app/errors';
import { getLog, logFile } from '../../../app/log';
import { isConnectionError } from '../../../data/db';
import type { Message } from '../../state/saleState';

/** What to tell the operator of a failed job: a refusal says why, a lost server says so, anything else is logged. */
export function failureMessage(e: unknown, dataDir: string): Message {
  if (e instanceof Refusal) return { key: e.key, params: e.params, money: e.money, tone: 'error' };
  if (isConnectionError(e)) return { key: 'db.lost', tone: 'error' };
  getLog(dataDir).error({ err: e }, 'back-office voucher screen');
  return { key: 'fault', params: { detail: faultDetail(e), log: logFile(dataDir) }, tone: 'error' };
}

/** Runs database work for a screen; a failure becomes a message on it. */
export function useJob(dataDir: string, onFailure: (m: Message) => void): (job: () => Promise<void>) => void {
  return useCallback((job) => void job().catch((e: unknown) => onFailure(failureMessage(e, dataDir))), [dataDir, onFailure]);
}
