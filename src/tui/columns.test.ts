import { describe, expect, it } from 'vitest';
import { clip, fit } from './columns';

describe('table columns', () => {
  it('cut a long text with an ellipsis and pad a short one to the column', () => {
    expect(fit('Baguette tradition', 8)).toBe('Baguett…');
    expect(fit('Pain', 8)).toBe('Pain    ');
    expect(clip('Pain', 8)).toBe('Pain');
    expect(clip('Pain', 0)).toBe('');
    expect(fit('Pain', 0)).toBe('');
  });
});
