import type { Command } from 'commander';
import { describeFinding, summary } from '../../app/doctor/describe';
import { runDoctor } from '../../app/doctor/doctor';
import { worst } from '../../app/doctor/findings';
import { t } from '../../i18n/messages';
import type { Runner } from '../context';
import { EXIT } from '../io';
import { emit } from '../output';

// `pos doctor`: what store IT checks first, each finding with what to do. Exit 1 when something
// must be fixed, 0 otherwise (warnings included). Changes nothing.

export function registerDoctor(program: Command, run: Runner): void {
  program
    .command('doctor')
    .description('check this till: server and its version, schema, database rights, clock, disk, devices, sales waiting; each finding says what to do')
    .action((_o, cmd: Command) =>
      run(cmd, async (ctx) => {
        const { lang } = ctx.config;
        const findings = await runDoctor({ config: ctx.config, devices: { console: ctx.io.stdout } });
        const status = worst(findings);
        emit(
          ctx,
          {
            terminal: ctx.config.terminal,
            status,
            findings: findings.map((f) => {
              const fr = describeFinding('fr', f);
              const en = describeFinding('en', f);
              return { check: f.check, status: f.status, found: f.found, advice: f.advice, params: f.params, message: { fr: fr.found, en: en.found }, todo: f.advice ? { fr: fr.advice, en: en.advice } : null };
            }),
          },
          () => {
            const said = findings.map((f) => describeFinding(lang, f));
            const width = Math.max(...said.map((s) => s.label.length));
            return [
              t(lang, 'doctor.title', { till: ctx.config.terminal }),
              ...said.flatMap((s) => [`${s.mark} ${s.label.padEnd(width)}  ${s.found}`, ...(s.advice ? [`  ${' '.repeat(width)}  → ${t(lang, 'doctor.todo')} ${s.advice}`] : [])]),
              summary(lang, findings),
            ];
          },
        );
        return status === 'fail' ? EXIT.refused : EXIT.ok;
      }),
    );
}
