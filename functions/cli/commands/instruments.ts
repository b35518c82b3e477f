import type { Command } from 'commander';
import type { InstrumentDefinition } from '../../core/instruments';
import { isEnabled, listInstruments } from '../../core/instruments';
import { reliableChangeThreshold } from '../../core/outcomes';
import { licensedFromEnv } from './score';

const CASE_SYMBOL = { 'at-or-above': '≥', above: '>', below: '<', 'at-or-below': '≤' } as const;

/** One row of the instrument list (also the `--json` output). */
export interface InstrumentRow {
  id: string;
  name: string;
  version: string;
  items: number;
  answers: string;
  scoreMin: number;
  scoreMax: number;
  direction: string;
  cutOff: string | null;
  reliableChange: number | null;
  reliableChangeSource: 'published' | 'derived' | null;
  licence: string;
  enabled: boolean;
}

const answersText = (def: InstrumentDefinition): string => {
  const { min, max, decimals } = def.answers;
  const count = def.minItems === def.items.length ? `${def.items.length}` : `${def.minItems}–${def.items.length}`;
  return `${count} × ${min.toFixed(decimals)}–${max.toFixed(decimals)}`;
};

const toRow = (def: InstrumentDefinition, licensed: readonly string[]): InstrumentRow => {
  const threshold = reliableChangeThreshold(def);
  const published = def.reliableChange.threshold !== null && def.reliableChange.threshold !== undefined;
  return {
    id: def.id,
    name: def.name,
    version: def.version,
    items: def.items.length,
    answers: answersText(def),
    scoreMin: def.scoreRange.min,
    scoreMax: def.scoreRange.max,
    direction: def.direction,
    cutOff: def.cutOff ? `${CASE_SYMBOL[def.cutOff.caseWhen]} ${def.cutOff.value}` : null,
    reliableChange: threshold === null ? null : Math.round(threshold * 1000) / 1000,
    reliableChangeSource: threshold === null ? null : published ? 'published' : 'derived',
    licence: def.licence.status,
    enabled: isEnabled(def, licensed),
  };
};

const formatTable = (rows: readonly InstrumentRow[]): string => {
  const header = ['id', 'version', 'items × answers', 'score', 'direction', 'cut-off', 'reliable change', 'licence', 'status'];
  const lines = rows.map((r) => [
    r.id, r.version, r.answers, `${r.scoreMin}–${r.scoreMax}`, r.direction, r.cutOff ?? '—',
    r.reliableChange === null ? '—' : `${r.reliableChange}${r.reliableChangeSource === 'derived' ? ' (derived)' : ''}`,
    r.licence, r.enabled ? 'enabled' : 'needs a recorded licence',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...lines.map(format)].join('\n');
};

/** `outcomes instruments`: the instrument library with ranges, direction, cut-off, reliable change and licence. */
export const registerInstruments = (program: Command): void => {
  program
    .command('instruments')
    .description('List the instruments: version, range, direction, cut-off, reliable-change threshold and licence')
    .option('--json', 'print the list as JSON')
    .action((options: { json?: boolean }) => {
      const licensed = licensedFromEnv();
      const rows = listInstruments({ includeDisabled: true }).map((def) => toRow(def, licensed));
      process.stdout.write(options.json === true ? `${JSON.stringify(rows, null, 2)}\n` : `${formatTable(rows)}\n`);
    });
};
