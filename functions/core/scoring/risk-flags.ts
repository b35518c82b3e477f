import type { InstrumentDefinition } from '../instruments/instrument-definition';

/** A risk item answered above its threshold in one administration (what it means, never the item wording). */
export interface RiskFlag {
  /** 1-based item number as on the form. */
  item: number;
  /** Machine-readable name from the instrument file, e.g. `phq9-item9-self-harm`. */
  flag: string;
  meaning: string;
}

/**
 * The risk items of an administration answered above their threshold (PHQ-9 item 9 > 0, CORE-10 item 6 > 0),
 * read from the instrument file; answers are taken as given (risk items are never reverse-scored).
 * @example riskFlags(getInstrument('phq9'), [0, 0, 0, 0, 0, 0, 0, 0, 1])[0]?.flag === 'phq9-item9-self-harm'
 */
export const riskFlags = (def: InstrumentDefinition, items: readonly (number | null)[]): RiskFlag[] =>
  def.riskItems
    .filter((risk) => {
      const answer = items[risk.item - 1];
      // Stryker disable next-line ConditionalExpression: a missing answer (null, undefined) is never above a threshold either; the type test only satisfies the compiler
      return typeof answer === 'number' && answer > risk.flagAbove;
    })
    .map(({ item, flag, meaning }) => ({ item, flag, meaning }));
