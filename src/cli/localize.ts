// commander speaks English; the till's command line speaks the configured language, commander's
// own errors and help included. Its messages are read by their code and said again from the
// catalogue; one this file does not know stays as commander wrote it.
import { Command, Help, type HelpConfiguration } from 'commander';
import type { Lang } from '../domain/money';
import { t, type MessageKey } from '../i18n/messages';
import { helpFr } from './helpFr';

const SUGGESTION = /\s*\(Did you mean (?:one of )?(?<names>.*)\?\)\s*$/;

/** commander's error codes, what to read in its English message, and the key saying it. */
const ERRORS: [code: string, read: RegExp, key: MessageKey][] = [
  ['commander.unknownCommand', /unknown command '(?<name>[^']*)'/, 'cli.unknownCommand'],
  ['commander.unknownOption', /unknown option '(?<name>[^']*)'/, 'cli.unknownOption'],
  ['commander.missingArgument', /missing required argument '(?<name>[^']*)'/, 'cli.missingArgument'],
  ['commander.optionMissingArgument', /option '(?<name>[^']*)' argument missing/, 'cli.optionMissingArgument'],
  ['commander.missingMandatoryOptionValue', /required option '(?<name>[^']*)' not specified/, 'cli.missingOption'],
  ['commander.invalidArgument', /option '(?<name>[^']*)' argument '(?<value>[^']*)' is invalid\. Allowed choices are (?<choices>.*)\.$/, 'cli.invalidChoice'],
  ['commander.invalidArgument', /value '(?<value>[^']*)' is invalid for argument '(?<name>[^']*)'\. Allowed choices are (?<choices>.*)\.$/, 'cli.invalidChoice'],
  ['commander.excessArguments', /too many arguments(?: for '(?<command>[^']*)')?\. Expected (?<expected>\d+) arguments? but got (?<got>\d+)\./, 'cli.excessArguments'],
];

export function localizeError(lang: Lang, code: string | undefined, message: string): string {
  const suggestion = SUGGESTION.exec(message)?.groups?.names;
  const text = message.replace(SUGGESTION, '');
  for (const [known, read, key] of ERRORS) {
    const found = known === code ? read.exec(text)?.groups : undefined;
    if (!found) continue;
    const hint = suggestion ? t(lang, 'cli.didYouMean', { names: suggestion }) : '';
    const command = found.command ? t(lang, 'cli.excessArguments.for', { name: found.command }) : '';
    return t(lang, key, { ...found, hint, command });
  }
  return message;
}

const TITLES: Record<string, MessageKey> = {
  'Usage:': 'cli.help.usage',
  'Arguments:': 'cli.help.arguments',
  'Options:': 'cli.help.options',
  'Global Options:': 'cli.help.globalOptions',
  'Commands:': 'cli.help.commands',
};

/** The help's headings and its "(choices: …, default: …)" in the language. */
export function localizedHelp(lang: Lang): HelpConfiguration {
  const extras = (text: string) =>
    text.replace(/\((choices|default): (.*)\)$/, (_m, first: string, rest: string) =>
      `(${t(lang, `cli.help.${first as 'choices' | 'default'}`)} ${rest.replace(', default: ', `, ${t(lang, 'cli.help.default')} `)})`);
  return {
    styleTitle: (title) => (TITLES[title] ? t(lang, TITLES[title]) : title),
    optionDescription(option) {
      return extras(Help.prototype.optionDescription.call(this as Help, option));
    },
    argumentDescription(argument) {
      return extras(Help.prototype.argumentDescription.call(this as Help, argument));
    },
  };
}

/** A command whose errors, and those of the subcommands made from it, are said in `lang`. */
export class LocalizedCommand extends Command {
  constructor(
    name: string,
    readonly lang: Lang,
  ) {
    super(name);
  }

  override createCommand(name?: string): Command {
    return new LocalizedCommand(name ?? '', this.lang);
  }

  override error(message: string, errorOptions?: { code?: string; exitCode?: number }): never {
    return super.error(localizeError(this.lang, errorOptions?.code, message), errorOptions);
  }
}

/** Every description of the command tree in `lang`: the commands give theirs in English. */
export function localizeDescriptions(program: Command, lang: Lang): void {
  if (lang !== 'fr') return;
  const say = (text: string) => helpFr[text] ?? text;
  const walk = (command: Command) => {
    command.description(say(command.description()));
    for (const option of command.options) option.description = say(option.description);
    for (const argument of command.registeredArguments) argument.description = say(argument.description);
    command.commands.forEach(walk);
  };
  walk(program);
}
