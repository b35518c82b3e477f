import type { InstrumentDefinition } from './instrument-definition';

/**
 * Consistency problems a JSON Schema cannot express (empty when consistent): item numbers in range, ranges that follow
 * from the answer scale, a conversion table covering every raw sum, bands that tile the score range without gaps.
 */
export const definitionProblems = (def: InstrumentDefinition): string[] => {
  const problems: string[] = [];
  const n = def.items.length;
  const { min, max } = def.answers;
  if (def.minItems > n) problems.push(`minItems ${def.minItems} exceeds the ${n} items`);
  if (!(min < max)) problems.push(`answers.min ${min} must be below answers.max ${max}`);
  for (const item of def.reversedItems) if (item > n) problems.push(`reversed item ${item} is beyond the ${n} items`);
  for (const risk of def.riskItems) {
    if (risk.item > n) problems.push(`risk item ${risk.item} is beyond the ${n} items`);
    // The threshold is read on the answer as given: a reversed risk item would flag the wrong end of its scale.
    if (def.reversedItems.includes(risk.item)) problems.push(`risk item ${risk.item} is reverse-scored`);
  }
  if (def.missing.maxMissing >= n) problems.push(`maxMissing ${def.missing.maxMissing} leaves no item to score`);
  if (def.rawRange.min !== n * min || def.rawRange.max !== n * max) {
    problems.push(`rawRange ${def.rawRange.min}–${def.rawRange.max} does not follow from ${n} items × ${min}–${max}`);
  }
  const expectedScore = def.scoring.method === 'mean' ? { min, max } : def.rawRange;
  if (def.scoring.method === 'table') {
    const table = def.scoring.table ?? [];
    const rows = def.rawRange.max - def.rawRange.min + 1;
    if (table.length !== rows) problems.push(`the conversion table has ${table.length} rows, the raw range needs ${rows}`);
    for (let i = 1; i < table.length; i += 1) {
      if ((table[i] ?? 0) < (table[i - 1] ?? 0)) problems.push(`the conversion table decreases at row ${i}`);
    }
    expectedScore.min = table[0] ?? Number.NaN;
    expectedScore.max = table[table.length - 1] ?? Number.NaN;
  } else if (def.scoring.table !== null && def.scoring.table !== undefined) {
    problems.push(`a conversion table is given but the method is ${def.scoring.method}`);
  }
  if (def.scoreRange.min !== expectedScore.min || def.scoreRange.max !== expectedScore.max) {
    problems.push(`scoreRange ${def.scoreRange.min}–${def.scoreRange.max} should be ${expectedScore.min}–${expectedScore.max}`);
  }
  const rc = def.reliableChange;
  const derived = (rc.threshold === null || rc.threshold === undefined) && rc.sd !== null && rc.sd !== undefined;
  // A derived threshold uses z = 1.96 (Jacobson & Truax), so it can only be stated at 95 %.
  if (derived && rc.confidence !== 0.95) problems.push(`a derived reliable-change threshold is at 95 % confidence, not ${rc.confidence * 100} %`);
  // A process measure (group alliance) is read session by session: a change threshold would invite outcome figures.
  if (def.measureType === 'process' && ((rc.threshold ?? null) !== null || (rc.sd ?? null) !== null)) problems.push('a process measure has no reliable-change threshold');
  problems.push(...bandProblems(def));
  return problems;
};

const bandProblems = (def: InstrumentDefinition): string[] => {
  const bands = def.bands;
  if (bands.length === 0) return [];
  const problems: string[] = [];
  const first = bands[0];
  const last = bands[bands.length - 1];
  if (first !== undefined && (first.min !== def.scoreRange.min || first.minExclusive)) problems.push('the bands do not start at the minimum score');
  if (last !== undefined && (last.max !== def.scoreRange.max || last.maxExclusive)) problems.push('the bands do not end at the maximum score');
  for (let i = 1; i < bands.length; i += 1) {
    const before = bands[i - 1];
    const band = bands[i];
    if (before === undefined || band === undefined) continue;
    // Adjacent bands must meet exactly once: one side inclusive, the other exclusive.
    if (before.max !== band.min || before.maxExclusive === band.minExclusive) {
      problems.push(`bands '${before.label}' and '${band.label}' leave a gap or overlap`);
    }
  }
  return problems;
};
