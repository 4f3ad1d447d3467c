import { refuse } from '../app/errors';
import { setLogContext } from '../app/log';
import { login, managerApproval, serviceOperator, type Operator, type PinGate } from '../app/session';
import type { Till } from '../app/till';
import { t } from '../i18n/messages';
import type { Ctx } from './context';

// A PIN never comes from the command line: argv is seen by every user of the machine (ps,
// /proc) and kept in shell histories. It comes from the environment (POS_PIN for the
// operator, POS_MANAGER_PIN for the manager approving) or is typed at a prompt on a terminal.

export const PIN_ENV = { operator: 'POS_PIN', manager: 'POS_MANAGER_PIN' } as const;

/** Reads a line from the terminal without echoing it. */
function prompt(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  return new Promise((resolve) => {
    let typed = '';
    stdin.setRawMode(true);
    stdin.resume();
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          stdin.off('data', onData);
          stdin.setRawMode(false);
          stdin.pause();
          process.stderr.write('\n');
          return resolve(typed);
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          process.exit(130);
        }
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The PIN of `code` from `env`, else asked on a terminal; undefined when neither is there. */
export async function pinFor(ctx: Ctx, who: keyof typeof PIN_ENV, code: string): Promise<string | undefined> {
  const given = ctx.io.env[PIN_ENV[who]];
  if (given !== undefined) return given;
  if (ctx.io.stdin?.isTTY !== true) return undefined;
  return prompt(t(ctx.config.lang, who === 'operator' ? 'cli.pinPrompt' : 'cli.managerPinPrompt', { code }));
}

/**
 * The operator a command acts as: `code` with its PIN (checked, counted, logged as the till
 * does), or, without a code or with the service operator's, the configured service operator
 * without a PIN (logged as such).
 */
export async function cliOperator(ctx: Ctx, place: PinGate, code: string | undefined, command: string): Promise<Operator> {
  const gate = { ...place, via: 'cli' as const };
  const service = ctx.config.operators.serviceOperator;
  if (code === undefined || (service !== '' && code.trim() === service)) {
    if (service === '') refuse('cli.operatorNeeded');
    const op = await serviceOperator(gate, command);
    setLogContext({ operator: op.code });
    return op;
  }
  const pin = await pinFor(ctx, 'operator', code);
  if (pin === undefined) refuse('cli.pinNeeded', { env: PIN_ENV.operator });
  const op = await login(gate, code, pin, command);
  setLogContext({ operator: op.code });
  return op;
}

/** A manager's approval of `action`: `code` and its PIN (POS_MANAGER_PIN or typed). Never the service operator. */
export async function cliManager(ctx: Ctx, till: Till, code: string, action: string): Promise<Operator> {
  const pin = await pinFor(ctx, 'manager', code);
  if (pin === undefined) refuse('cli.pinNeeded', { env: PIN_ENV.manager });
  return managerApproval({ ...till, via: 'cli' }, code, pin, action);
}

/** For an order committed by createSale: the PIN of `code`, or null for the service operator (no PIN). */
export async function orderPin(ctx: Ctx, code: string): Promise<string | null> {
  const service = ctx.config.operators.serviceOperator;
  if (service !== '' && code.trim() === service) return null;
  const pin = await pinFor(ctx, 'operator', code);
  if (pin === undefined) refuse('cli.pinNeeded', { env: PIN_ENV.operator });
  return pin;
}

/** For an order: the approving manager's code and PIN, when a manager is named. */
export async function orderManager(ctx: Ctx, code: string | undefined): Promise<{ manager: { code: string; pin: string } } | Record<string, never>> {
  if (code === undefined) return {};
  const pin = await pinFor(ctx, 'manager', code);
  if (pin === undefined) refuse('cli.pinNeeded', { env: PIN_ENV.manager });
  return { manager: { code, pin } };
}
