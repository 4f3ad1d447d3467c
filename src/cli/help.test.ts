// The help's French: every description the commands give has its French, and none is left over.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { helpFr } from './helpFr';
import { buildProgram } from './program';

function descriptions(command: Command): string[] {
  return [
    command.description(),
    ...command.options.map((o) => o.description),
    ...command.registeredArguments.map((a) => a.description),
    ...command.commands.flatMap(descriptions),
  ].filter((d) => d !== '');
}

describe('the help of pos', () => {
  it('has the French of every description, and no French for a description gone', () => {
    const english = new Set(descriptions(buildProgram('/nonexistent', 'en')));
    expect([...english].filter((d) => !(d in helpFr))).toEqual([]);
    expect(Object.keys(helpFr).filter((d) => !english.has(d))).toEqual([]);
    const french = descriptions(buildProgram('/nonexistent', 'fr'));
    expect(french.filter((d) => english.has(d) && helpFr[d] !== d)).toEqual([]);
  });
});
