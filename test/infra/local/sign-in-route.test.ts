import { describe, expect, it } from 'vitest';
import { safeNext } from '../../../infra/local/sign-in-route';
import { catalogueHtml, signInForm } from '../../../infra/local/sign-in-page';

describe('the local sign-in page', () => {
  it('returns only to a page of the /files/ route after signing in, never to another site', () => {
    expect(safeNext('/files/dashboards/_gen/run-1/adults/index.html')).toBe('/files/dashboards/_gen/run-1/adults/index.html');
    expect(safeNext('/files/dashboards/_gen/run-1/adults/index.html#period=2026-Q1')).toBe('/files/dashboards/_gen/run-1/adults/index.html#period=2026-Q1');
    for (const bad of ['https://evil.example/files/x', '//evil.example/files/x', '/files//evil.example', '/v1/admin/keys', '/files/a"onload=x', null, undefined, '']) expect(safeNext(bad)).toBeUndefined();
  });

  it('escapes what it echoes and keeps the key field out of autofill history', () => {
    // Prepare, Act
    const html = signInForm({ next: '/files/a"><script>x</script>', error: 'Bad <key>' });
    // Assess
    expect(html).not.toContain('<script>x</script>');
    expect(html).toContain('Bad &lt;key&gt;');
    expect(html).toContain('type="password" autocomplete="off" required aria-describedby="sign-in-error" aria-invalid="true"');
  });

  it('lists the reader’s files and tells the dashboards which of them the reader holds', () => {
    // Prepare, Act
    const html = catalogueHtml({ role: 'manager', keyId: 'k', programmeIds: ['adults'] }, {
      prefixes: ['dashboards/_gen/g/adults/'],
      entries: [{ kind: 'dashboard', title: 'Adults dashboard', programmeId: 'adults', files: { 'index.html': 'dashboards/adults/index.html' }, physical: { 'index.html': 'dashboards/_gen/g/adults/index.html' } }],
    }, '2026-12-08T10:00:00.000Z');
    // Assess
    expect(html).toContain('<a href="/files/dashboards/_gen/g/adults/index.html">open</a>');
    expect(html).toContain('<script type="application/json" id="scope">["dashboards/adults/index.html"]</script>');
    expect(html).toContain('Signed in as a programme manager (adults), until 8 Dec 2026, 10:00 UTC.');
  });
});
