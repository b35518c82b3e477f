import { it } from 'vitest';
import { buildFigureTable } from '../../../functions/core/disclosure/figure-table';
import { primarySuppression } from '../../../functions/core/disclosure/primary-suppression';
import { secondarySuppression } from '../../../functions/core/disclosure/secondary-suppression';
import { recoverableFigures } from '../../../functions/core/disclosure/recoverable-figures';
import { truthTable } from './support/figure-fixtures';
it('debug', () => {
  const z = {"completed":0,"droppedOut":0,"attendingS3":0,"enrolled":0,"paired":0,"improved":0,"unchanged":0,"deteriorated":0,"cases":0,"recovered":0,"changeSum":0};
  const leaves = [{"month":"2026-09","programme":"p2","type":"psychoeducational","stats":{"participants":1,...z}},{"month":"2026-09","programme":"p2","type":"psychotherapy","stats":{"participants":8,...z}}] as never;
  const t = buildFigureTable(truthTable(leaves).filter(r => r.instrument === ''), []);
  let h = primarySuppression(t, 8);
  try { h = secondarySuppression(t, h, new Set(), 8); } catch (e) { console.log(String(e)); h = (e as Error).cause as typeof h; }
  const show = (s: Iterable<number>) => [...s].map(i => t.entries[i]?.key.replaceAll('\u001f','/') + ' ' + (h.get(i) ?? '') + ' v=' + t.entries[i]?.row.value+ ' n=' + t.entries[i]?.row.n_participants);
  console.log(show(h.keys()).join('\n'));
  console.log('REC', show(recoverableFigures(t, new Set(h.keys()), 8)).join('\n'));
  console.log('VISIBLE', show(t.entries.map((_, i) => i).filter(i => !h.has(i))).join('\n'));
});
