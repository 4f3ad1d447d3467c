import { describe, expect, it } from 'vitest';
import { tillOnly } from './openScreen';

describe('the way to the screen', () => {
  it('is taken when the command line asks for nothing else', () => {
    expect(tillOnly([])).toEqual({});
    expect(tillOnly(['--terminal', 'T02', '--lang=en'])).toEqual({ terminal: 'T02', lang: 'en' });
  });
  it('leaves anything else to the program (subcommands, help, bad values)', () => {
    for (const args of [['sale', 'list'], ['--help'], ['--terminal'], ['--lang', 'de'], ['--json'], ['--terminal', '--json']]) expect(tillOnly(args)).toBeNull();
  });
});
