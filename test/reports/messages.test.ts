import { describe, expect, it } from 'vitest';
import { suppressionReasonText } from '../../reports/messages';

describe('suppression reasons', () => {
  it.each([
    ['primary:n<8', 'fewer than 8 participants'],
    ['primary:count<8', 'a count of fewer than 8 people'],
    ['primary:n-missing', 'the number of participants behind it is not known'],
    ['primary:upstream', 'suppressed at source'],
    ['secondary:group_type', 'hidden so that another suppressed figure cannot be worked out from the total across group types'],
    ['secondary:quarter', 'hidden so that another suppressed figure cannot be worked out from the months of its quarter'],
    ['secondary:something-new', 'hidden so that another suppressed figure cannot be worked out from other published figures'],
  ])('reads %s as plain words', (code, text) => {
    // Act, Assess
    expect(suppressionReasonText(code)).toBe(text);
  });

  it('never shows a machine code for any reason the disclosure control emits', () => {
    // Prepare
    const codes = ['primary:n<5', 'primary:count<5', 'primary:n-missing', 'primary:upstream', ...['group_type', 'programme', 'quarter', 'outcomes', 'rate', 'n_participants', 'bound'].map((r) => `secondary:${r}`)];
    // Act
    const texts = codes.map(suppressionReasonText);
    // Assess
    expect(texts.filter((t) => /[:<_]/.test(t) || t.includes('other published figures'))).toEqual([]);
  });
});
