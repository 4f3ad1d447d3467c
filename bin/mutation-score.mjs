#!/usr/bin/env node
// After `stryker run` (npm run mutate): the mutation score of each money module and of each
// group, from Stryker's JSON report, and the surviving mutants that config/mutation-survivors.md
// does not explain. A survivor is explained by a line of that file naming its place and mutator:
// `- src/domain/money.ts:42:7 EqualityOperator: why no test can tell`.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reportDir = join(root, '.stryker');
const listFile = join(root, 'config', 'mutation-survivors.md');

// One report per selection of groups (MUTATE=…): each file's mutants come from its newest report.
const reports = (existsSync(reportDir) ? readdirSync(reportDir) : [])
  .filter((f) => /^report-.+\.json$/.test(f))
  .map((f) => join(reportDir, f))
  .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
if (reports.length === 0) {
  console.error(`mutation-score: no report in ${reportDir}: run npm run mutate first`);
  process.exit(1);
}
const files = {};
for (const r of reports) Object.assign(files, JSON.parse(readFileSync(r, 'utf8')).files);
const explained = new Set(
  (existsSync(listFile) ? readFileSync(listFile, 'utf8') : '')
    .split('\n')
    .map((line) => /^- (\S+:\d+:\d+ \w+)/.exec(line)?.[1])
    .filter(Boolean),
);

const detected = new Set(['Killed', 'Timeout']);
const undetected = new Set(['Survived', 'NoCoverage']);
const count = () => ({ killed: 0, survived: 0, listed: 0, total: 0, ignored: 0 });
const add = (c, m, isListed) => {
  if (m.status === 'Ignored') c.ignored++;
  if (detected.has(m.status)) c.killed++;
  else if (undetected.has(m.status)) (isListed ? c.listed++ : c.survived++);
  else return;
  c.total++;
};
const score = (c) => (c.total === 0 ? 'n/a' : `${((100 * c.killed) / c.total).toFixed(1)}%`);
const explainedScore = (c) => (c.total === 0 ? 'n/a' : `${((100 * (c.killed + c.listed)) / c.total).toFixed(1)}%`);

const byFile = new Map();
const byGroup = new Map();
const unexplained = [];
for (const [file, { mutants }] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
  const group = file.split('/').slice(0, 2).join('/');
  if (!byGroup.has(group)) byGroup.set(group, count());
  const c = count();
  byFile.set(file, c);
  for (const m of mutants) {
    const key = `${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName}`;
    const isListed = explained.has(key);
    add(c, m, isListed);
    add(byGroup.get(group), m, isListed);
    if (undetected.has(m.status) && !isListed) unexplained.push(`${key} ${m.status}: ${JSON.stringify(m.replacement ?? '')}`);
  }
}

const rows = [['module', 'mutants', 'killed', 'listed', 'unexplained', 'score', 'with listed', 'static (not run)']];
for (const [name, c] of [...byFile, ...byGroup]) {
  rows.push([name, c.total, c.killed, c.listed, c.survived, score(c), explainedScore(c), c.ignored].map(String));
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log('\nMutation score of the money modules (killed or timed out / all that ran):');
for (const r of rows) console.log(r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
if (unexplained.length > 0) {
  console.log(`\n${unexplained.length} surviving mutants neither killed nor listed in config/mutation-survivors.md:`);
  for (const u of unexplained) console.log(`- ${u}`);
}
