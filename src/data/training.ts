import type { Db } from './db';

/** Whether the till is in training mode ("mode école"). */
export async function trainingMode(db: Db, terminalId: number): Promise<boolean> {
  const r = await db('terminals').where('id', terminalId).first('training_mode');
  return r?.training_mode === true;
}

/** Switches the till's mode, journalled (JET training_on / training_off) in the same statement; false when it already was. */
export async function switchTrainingMode(db: Db, terminalId: number, on: boolean, operatorId: number): Promise<boolean> {
  const { rows } = await db.raw<{ rows: { r: { changed: boolean } }[] }>('SELECT pos_training_switch(?, ?, ?) AS r', [terminalId, on, operatorId]);
  return rows[0]!.r.changed;
}
