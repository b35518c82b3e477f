import type { Principal } from '../../functions/core/access/principal';
import { Messages } from '../../functions/core/messages';
import { escapeHtml, formatTimestamp } from '../../reports/html/escape-html';
import type { ReaderScope } from './reader-scope';

const page = (title: string, body: string): string => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>
body { margin: 0; font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #1f1f1f; background: #fafafa; line-height: 1.45; }
main { max-width: 44rem; margin: 0 auto; padding: 24px 16px 48px; }
h1 { font-size: 1.4rem; }
label { display: block; font-weight: bold; margin: 16px 0 4px; }
input { font: inherit; width: 100%; padding: 8px; border: 1px solid #767676; border-radius: 4px; }
button { font: inherit; margin-top: 12px; padding: 8px 16px; border: 1px solid #0072B2; border-radius: 4px; background: #0072B2; color: white; cursor: pointer; }
button.secondary { background: white; color: #0072B2; }
:focus-visible { outline: 3px solid #E69F00; outline-offset: 2px; }
.notice { background: #fff3cd; border-left: 4px solid #E69F00; padding: 8px 12px; }
.error { background: #fde8e4; border-left: 4px solid #A33A00; padding: 8px 12px; }
ul.catalogue li { margin-bottom: 8px; }
a { color: #005A8C; }
</style></head>
<body><main>${body}</main></body></html>
`;

/** The sign-in form; `notice` (an ended session) or `error` (a refused key) above it, `next` carried through. */
export const signInForm = (options: { next?: string; notice?: string; error?: string }): string => page(Messages.signIn.title, `
<h1>${escapeHtml(Messages.signIn.title)}</h1>
${options.notice === undefined ? '' : `<p class="notice" role="status">${escapeHtml(options.notice)}</p>`}
${options.error === undefined ? '' : `<p class="error" role="alert" id="sign-in-error">${escapeHtml(options.error)}</p>`}
<p>${escapeHtml(Messages.signIn.lead)}</p>
<form method="post" action="/signin">
<label for="key">${escapeHtml(Messages.signIn.keyLabel)}</label>
<input id="key" name="key" type="password" autocomplete="off" required${options.error === undefined ? '' : ' aria-describedby="sign-in-error" aria-invalid="true"'}>
${options.next === undefined ? '' : `<input type="hidden" name="next" value="${escapeHtml(options.next)}">`}
<button type="submit">${escapeHtml(Messages.signIn.submit)}</button>
</form>`);

const who = (principal: Principal): string =>
  principal.role === 'manager' ? `a programme manager (${principal.programmeIds.join(', ')})`
    : principal.role === 'funder' ? `a funder (${principal.funderId})` : principal.role;

/**
 * What a signed-in reader may open, each linked through the local `/files/` route. It tells the dashboards which
 * of them the reader holds (session storage, `outcomes.scope`), so a programme page shows its "All programmes"
 * link only to a reader who may open that page.
 */
export const catalogueHtml = (principal: Principal, scope: ReaderScope, expiresIso: string): string => {
  const items = scope.entries.map((entry) => {
    const files = Object.entries(entry.physical).map(([name, key]) => `<a href="/files/${escapeHtml(key)}">${escapeHtml(name === 'index.html' ? 'open' : name)}</a>`).join(' · ');
    return `<li><strong>${escapeHtml(entry.title)}</strong>: ${files}</li>`;
  }).join('');
  const dashboards = scope.entries.filter((e) => e.kind === 'dashboard').flatMap((e) => Object.values(e.files));
  return page(Messages.signIn.listTitle, `
<h1>${escapeHtml(Messages.signIn.listTitle)}</h1>
<p>${escapeHtml(Messages.signIn.signedInAs(who(principal), formatTimestamp(expiresIso)))}</p>
${items === '' ? `<p>${escapeHtml(Messages.signIn.nothingYet)}</p>` : `<ul class="catalogue">${items}</ul>`}
<form method="post" action="/signout"><button type="submit" class="secondary">${escapeHtml(Messages.signIn.signOut)}</button></form>
<script type="application/json" id="scope">${JSON.stringify(dashboards).replace(/</g, '\\u003c')}</script>
<script>try { sessionStorage.setItem('outcomes.scope', document.getElementById('scope').textContent); } catch (e) {}</script>`);
};

/** A refusal a browser reads as a page, never as JSON: the file is outside the reader's scope. */
export const outOfScopePage = (): string => page(Messages.signIn.outOfScope, `
<h1>${escapeHtml(Messages.signIn.outOfScope)}</h1>
<p><a href="/signin">${escapeHtml(Messages.signIn.listTitle)}</a></p>`);
