import { describe, expect, it } from 'vitest';
import { escapeHtml, formatTimestamp, inlineScript, jsonForScript } from '../../../reports/html/escape-html';

describe('HTML escaping', () => {
  it('escapes markup characters in text and attributes', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
  });

  it('keeps inline JSON from closing its script element', () => {
    // Prepare
    const hostile = { name: '</script><script>alert(1)</script>', sep: '\u2028' };
    // Act
    const json = jsonForScript(hostile);
    // Assess
    expect(json).not.toContain('</script');
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual(hostile);
  });

  it('neutralises a closing script tag inside inlined code', () => {
    expect(inlineScript('var s = "</script>";')).toBe('var s = "<\\/script>";');
  });

  it('formats the stamp in UTC from the input timestamp', () => {
    expect(formatTimestamp('2026-07-02T02:15:00.000Z')).toBe('2 Jul 2026, 02:15 UTC');
  });
});
