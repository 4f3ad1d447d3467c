import { describe, expect, it, vi } from 'vitest';
import { inCi, needs, onPath } from './tools';

describe('tests that need a program (socat, zbarimg, tmux)', () => {
  const nowhere = { PATH: '/nonexistent-bin' };

  it('in CI a missing program fails, naming it and its package', () => {
    expect(() => needs('socat', 'x', { ...nowhere, CI: 'true' })).toThrow('socat is not installed (Debian package socat): with CI=true the tests that need socat fail instead of being skipped');
    expect(() => needs('zbarimg', 'x', { ...nowhere, CI: '1' })).toThrow(/^zbarimg is not installed \(Debian package zbar-tools\)/);
  });

  it('elsewhere a missing program skips, saying which tests and why', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(needs('tmux', 'the till in a real terminal', { ...nowhere, CI: 'false' })).toBe(false);
      expect(warn.mock.calls).toEqual([['skipped: the till in a real terminal, because tmux is not installed (Debian package tmux)']]);
    } finally {
      warn.mockRestore();
    }
  });

  it('a program on PATH is found, and CI is read as CI services set it', () => {
    expect(onPath('sh', '/nonexistent-bin:/bin:/usr/bin')).toBe(true);
    expect([inCi({ CI: 'true' }), inCi({ CI: '1' }), inCi({}), inCi({ CI: 'false' }), inCi({ CI: '0' })]).toEqual([true, true, false, false, false]);
  });
});
