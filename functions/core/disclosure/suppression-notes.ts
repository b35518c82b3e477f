import type { FigureRow } from '../figures/figure-row';
import { noteMessage } from './messages';

/** One line of the "what was suppressed and why" section of a report. */
export interface SuppressionNote {
  /** What the note is about: `hidden` (the figures disclosure control hid), `revised` or `rounding`. */
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

/**
 * The notes a report prints: one statement of how many figures are hidden and the rules in general (never which
 * rule hid which figure: a per-figure reason would tell a reader whether a hidden count is small), then rounding.
 */
export const suppressionNotes = (rows: readonly FigureRow[], context: NoteContext): SuppressionNote[] => {
  const hidden = rows.filter((row) => row.suppressed).length;
  const notes: SuppressionNote[] = [];
  if (hidden > 0) notes.push({ code: 'hidden', figures: hidden, text: noteMessage.hidden(hidden, rows.length, context.k) });
  if (context.revised > 0) notes.push({ code: 'revised', figures: context.revised, text: noteMessage.revised(context.revised) });
  if (context.rounding > 1) notes.push({ code: 'rounding', figures: 0, text: noteMessage.rounding(context.rounding) });
  return notes;
};
