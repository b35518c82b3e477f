import type { FigureRow } from '../figures/figure-row';
import { noteMessage } from './messages';

/** One line of the "what was suppressed and why" section of a report. */
export interface SuppressionNote {
  /** The suppression reason the note summarises (`primary:n<8`, `secondary:programme`...), or `rounding`. */
  code: string;
  /** Figures of the release the note is about (0 for the rounding note). */
  figures: number;
  text: string;
}

/** Additional facts the notes report beyond each output row's reason. */
export interface NoteContext {
  k: number;
  rounding: number;
  /** Figures published earlier that this release had to suppress (their data changed). */
  revised: number;
}

const textOf = (code: string, count: number, k: number): string => {
  if (code === `primary:n<${k}`) return noteMessage.smallN(count, k);
  if (code === `primary:count<${k}`) return noteMessage.smallCount(count, k);
  if (code === 'primary:n-missing') return noteMessage.missingN(count);
  if (code === 'primary:upstream') return noteMessage.upstream(count);
  if (code.startsWith('secondary:')) return noteMessage.secondary(count, code.slice('secondary:'.length));
  return noteMessage.other(count, code);
};

/** Summarises the suppressed rows by reason (primary reasons first, then complements), plus rounding. */
export const suppressionNotes = (rows: readonly FigureRow[], context: NoteContext): SuppressionNote[] => {
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (!row.suppressed) continue;
    const code = row.suppression_reason ?? 'primary:upstream';
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const codes = [...counts.keys()].sort((a, b) => {
    const rank = (code: string): number => (code.startsWith('primary:') ? 0 : code.startsWith('secondary:') ? 1 : 2);
    return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
  });
  const notes = codes.map((code): SuppressionNote => {
    const figures = counts.get(code) ?? 0;
    return { code, figures, text: textOf(code, figures, context.k) };
  });
  if (context.revised > 0) notes.push({ code: 'revised', figures: context.revised, text: noteMessage.revised(context.revised) });
  if (context.rounding > 1) notes.push({ code: 'rounding', figures: 0, text: noteMessage.rounding(context.rounding) });
  return notes;
};
