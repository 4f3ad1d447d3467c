// The till's log: every line with its till, operator and sale; rolled files read back in
// order by `pos logs`, readably.
import { mkdtempSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getLog, logDir, setLogContext, settleLogs } from './log';
import { formatLogLine, recentLogs } from './logRead';

describe('the till’s log', () => {
  it('puts the till, the operator and the sale on every line, in a rolled file read back by pos logs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-log-'));
    setLogContext({ till: 'T01', operator: null, sale: null });
    const log = getLog(dir);
    log.info('till opened');
    setLogContext({ operator: '1', sale: 'k-123' });
    log.error({ err: new Error('paper out') }, 'receipt not printed');
    await settleLogs();
    expect((await readdir(logDir(dir))).sort()).toEqual(['current.log', 'pos.1.log']);
    const lines = await recentLogs(dir, 10);
    expect(lines.map((l) => [l.till, l.operator, l.sale, l.msg])).toEqual([['T01', null, null, 'till opened'], ['T01', '1', 'k-123', 'receipt not printed']]);
    expect(formatLogLine(lines[1]!, 'Europe/Paris')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d ERROR T01 op=1 sale=k-123  receipt not printed — Error: paper out$/);
    expect((await recentLogs(dir, 10, 40)).map((l) => l.msg)).toEqual(['receipt not printed']);
    setLogContext({ till: null, operator: null, sale: null });
  });

  it('reads the last lines across rolled files, oldest first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-log-'));
    const { mkdir } = await import('node:fs/promises');
    await mkdir(logDir(dir));
    const line = (n: number) => JSON.stringify({ level: 30, time: n, msg: `m${n}`, till: 'T02', operator: null, sale: null });
    await writeFile(join(logDir(dir), 'pos.9.log'), [1, 2, 3].map(line).join('\n') + '\n');
    await writeFile(join(logDir(dir), 'pos.10.log'), [4, 5].map(line).join('\n') + '\n');
    expect((await recentLogs(dir, 3)).map((l) => l.msg)).toEqual(['m3', 'm4', 'm5']);
  });
});
