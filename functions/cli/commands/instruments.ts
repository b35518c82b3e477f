import type { Command } from 'commander';
import type { InstrumentDefinition, SourceStatus, ValueSource } from '../../core/instruments';
import { isEnabled, listInstruments, valueSources, weakestStatus } from '../../core/instruments';
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
  cutOffStatus: SourceStatus | null;
  reliableChange: number | null;
  /** `configured`: the number in the file (see its status); `derived`: Jacobson & Truax from the file's SD and reliability. */
  reliableChangeSource: 'configured' | 'derived' | null;
  reliableChangeConfidence: number | null;
  reliableChangeStatus: SourceStatus | null;
  /** The weakest status among the bands (null without bands). */
  bandsStatus: SourceStatus | null;
  conversionTableStatus: SourceStatus | null;
  licence: string;
  licenceStatus: SourceStatus;
  enabled: boolean;
  /** Every sourced value with its citation and status. */
  sources: ValueSource[];
}

const answersText = (def: InstrumentDefinition): string => {
  const { min, max, decimals } = def.answers;
  const count = def.minItems === def.items.length ? `${def.items.length}` : `${def.minItems}–${def.items.length}`;
  return `${count} × ${min.toFixed(decimals)}–${max.toFixed(decimals)}`;
};

const toRow = (def: InstrumentDefinition, licensed: readonly string[]): InstrumentRow => {
  const threshold = reliableChangeThreshold(def);
  const configured = def.reliableChange.threshold !== null && def.reliableChange.threshold !== undefined;
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
    cutOffStatus: def.cutOff ? def.cutOff.source.status : null,
    reliableChange: threshold === null ? null : Math.round(threshold * 1000) / 1000,
    reliableChangeSource: threshold === null ? null : configured ? 'configured' : 'derived',
    reliableChangeConfidence: threshold === null ? null : def.reliableChange.confidence,
    reliableChangeStatus: threshold === null ? null : def.reliableChange.source.status,
    bandsStatus: weakestStatus(def.bands.map((band) => band.source)),
    conversionTableStatus: def.scoring.method === 'table' ? def.scoring.source.status : null,
    licence: def.licence.status,
    licenceStatus: def.licence.source.status,
    enabled: isEnabled(def, licensed),
    sources: valueSources(def),
  };
};

// "6 (90%, verified)", "0.843 (95%, derived, unverified)": every threshold says how sure we are of it.
const reliableChangeText = (r: InstrumentRow): string => {
  if (r.reliableChange === null) return '—';
  const confidence = `${Math.round((r.reliableChangeConfidence ?? 0) * 100)}%`;
  const derived = r.reliableChangeSource === 'derived' ? ', derived' : '';
  return `${r.reliableChange} (${confidence}${derived}, ${r.reliableChangeStatus ?? 'unverified'})`;
};

const withStatus = (value: string | null, status: SourceStatus | null): string =>
  value === null ? '—' : `${value} (${status ?? 'unverified'})`;

const formatTable = (rows: readonly InstrumentRow[]): string => {
  const header = [
    'id', 'version', 'items × answers', 'score', 'direction', 'cut-off', 'reliable change', 'bands', 'conversion table',
    'licence', 'availability',
  ];
  const lines = rows.map((r) => [
    r.id, r.version, r.answers, `${r.scoreMin}–${r.scoreMax}`, r.direction, withStatus(r.cutOff, r.cutOffStatus),
    reliableChangeText(r), r.bandsStatus ?? '—', r.conversionTableStatus ?? '—',
    withStatus(r.licence, r.licenceStatus), r.enabled ? 'enabled' : 'needs a recorded licence',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...lines.map(format)].join('\n');
};

// One line per sourced value: "phq9  cut-off  verified  Caseness >= 10: NHS Talking Therapies manual."
const formatSources = (rows: readonly InstrumentRow[]): string => {
  const lines = rows.flatMap((r) => r.sources.map((s) => [r.id, s.value, s.status, s.citation]));
  const widths = [0, 1, 2].map((i) => Math.max(...lines.map((l) => (l[i] ?? '').length)));
  return lines.map((l) => l.map((c, i) => (i < 3 ? c.padEnd(widths[i] ?? 0) : c)).join('  ')).join('\n');
};

/**
 * `outcomes instruments`: the instrument library with ranges, direction, cut-off, reliable change and licence, each
 * sourced value with its status (verified / secondary / unverified); `--sources` lists every value with its
 * citation, `--json` gives both.
 */
export const registerInstruments = (program: Command): void => {
  program
    .command('instruments')
    .description('List the instruments: version, range, direction, cut-off, reliable-change threshold, bands and licence, each with the status of its source')
    .option('--json', 'print the list as JSON')
    .option('--sources', 'list every sourced value with its status and citation')
    .action((options: { json?: boolean; sources?: boolean }) => {
      const licensed = licensedFromEnv();
      const rows = listInstruments({ includeDisabled: true }).map((def) => toRow(def, licensed));
      const text = options.json === true ? JSON.stringify(rows, null, 2) : options.sources === true ? formatSources(rows) : formatTable(rows);
      process.stdout.write(`${text}\n`);
    });
};
