import { describe, expect, it } from 'vitest';
import { cellText } from './table-export';

describe('cellText', () => {
  it('collapses line breaks and spaces as the screen shows them', () => {
    expect(cellText('  Гимназия\n   № 1  ')).toBe('Гимназия № 1');
    expect(cellText(null)).toBe('');
  });
});
