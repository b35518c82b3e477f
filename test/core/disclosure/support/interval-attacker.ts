import loadHighs from 'highs';
import type { FigureRow } from '../../../../functions/core/figures/figure-row';

/**
 * An interval (integer-programming) attacker written apart from the core's audit: it reads published rows the
 * way an outside statistical-disclosure auditor would (sdcTable / τ-ARGUS style) and computes, for every count of
 * people the reader does not see exactly, its smallest and largest value over every table consistent with all
 * it holds. Its own catalogue below says which published number is which count — it shares no code with
 * `functions/core/disclosure`.
 */

/** A release as held by the reader: rows and the rounding base of its counts (1 = exact). */
export interface Held { rows: readonly FigureRow[]; rounding: number }

/** The feasible range of one count, named `period/programme/type/instrument/quantity`. */
export interface Interval { name: string; low: number; high: number; rounded: boolean }

const TYPES = ['psychoeducational', 'support', 'skill_development', 'psychotherapy'];

// Which count a row's value (numerator) and n are. Rates: value × n = numerator.
const QUANTITIES: Record<string, { value?: string; n: string }> = {
  participants: { value: 'participants', n: 'participants' },
  groups: { n: 'participants' },
  sessions_delivered: { n: 'participants' },
  attendance_rate: { n: 'offered' },
  completion_rate: { value: 'completers_finished', n: 'finished' },
  dropout_rate: { value: 'dropouts', n: 'finished' },
  enrolled: { value: 'enrolled', n: 'enrolled' },
  paired: { value: 'paired', n: 'paired' },
  paired_rate: { value: 'paired', n: 'enrolled' },
  reliably_improved: { value: 'improved', n: 'improved' },
  reliably_deteriorated: { value: 'deteriorated', n: 'deteriorated' },
  cases_at_start: { value: 'cases', n: 'cases' },
  recovered: { value: 'recovered', n: 'recovered' },
  recovery_rate: { value: 'recovered', n: 'paired_cases' },
  mean_baseline: { n: 'paired' },
  mean_final: { n: 'paired' },
  mean_change: { n: 'paired' },
  hedges_g: { n: 'paired' },
};
const COUNTS = new Set(['participants', 'enrolled', 'paired', 'reliably_improved', 'reliably_deteriorated', 'cases_at_start', 'recovered']);

const quantitiesOf = (metric: string): { value?: string; n: string } | undefined => {
  const session = /^(retention|mean_score)_s(\d+)$/.exec(metric);
  if (session === null) return QUANTITIES[metric];
  if (session[1] === 'mean_score') return { n: `scored_s${session[2]}` };
  return session[2] === '1' ? { value: 'at_risk_s1', n: 'at_risk_s1' } : { value: `retained_s${session[2]}`, n: `at_risk_s${session[2]}` };
};

const monthsOf = (quarter: string): string[] => {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (m === null) return [];
  const first = (Number(m[2]) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${m[1]}-${String(first + i).padStart(2, '0')}`);
};

/** Feasible intervals of every hidden or rounded count of people, for a reader holding `releases`. */
export const attackIntervals = async (releases: readonly Held[], k: number): Promise<Interval[]> => {
  const highs = await loadHighs();
  const vars = new Map<string, string>();
  const v = (cell: string, q: string): string => {
    const name = `${cell}/${q}`;
    let id = vars.get(name);
    if (id === undefined) { id = `v${vars.size}`; vars.set(name, id); }
    return id;
  };
  const constraints: string[] = [];
  const exact = new Set<string>();
  const rounded = new Set<string>();
  const hidden = new Set<string>();
  const cells = new Map<string, { period: string; programme: string; type: string; instrument: string; qs: Set<string> }>();
  const programmes = new Set<string>();
  const empty: string[] = [];
  for (const { rows, rounding: releaseRounding } of releases) {
    for (const row of rows) {
      // The published method: a row marked `rounded` has its counts and n rounded to the nearest 5 in a release of
      // exact counts, to twice the release's base in a rounded one (its rates computed from the rounded counts).
      const rounding = row.rounded !== true ? releaseRounding : releaseRounding > 1 ? 2 * releaseRounding : 5;
      const half = Math.floor(rounding / 2);
      const bucket = (id: string, value: number): void => {
        if (rounding <= 1 || value === 0) constraints.push(`${id} = ${value}`);
        else constraints.push(`${id} >= ${Math.max(k, value - half)}`, `${id} <= ${value + half}`);
      };
      const q = quantitiesOf(row.metric);
      if (q === undefined) continue;
      const cell = `${row.period}/${row.programme_id}/${row.group_type}/${row.instrument}`;
      if (row.programme_id !== '*') programmes.add(row.programme_id);
      const entry = cells.get(cell) ?? { period: row.period, programme: row.programme_id, type: row.group_type, instrument: row.instrument, qs: new Set() };
      entry.qs.add(q.n);
      if (q.value !== undefined) entry.qs.add(q.value);
      cells.set(cell, entry);
      const nId = v(cell, q.n);
      const valueId = q.value === undefined ? undefined : v(cell, q.value);
      if (row.suppressed) {
        if (valueId !== undefined) hidden.add(valueId);
        hidden.add(nId);
        continue;
      }
      if (row.perturbed === true) {
        // The published method: a perturbed figure's count (a count, or a rate's numerator; a completion rate
        // rests on its perturbed drop-outs) lies in 1..k+4, its value is noise; a rate's n is published as usual.
        if (valueId !== undefined) {
          hidden.add(valueId);
          if (row.metric !== 'completion_rate') constraints.push(`${valueId} >= 1`, `${valueId} <= ${k + 4}`);
        }
        if (valueId !== nId && row.n_participants !== null) {
          bucket(nId, row.n_participants);
          if (rounding <= 1) exact.add(nId); else rounded.add(nId);
        }
        continue;
      }
      if (row.n_participants !== null) bucket(nId, row.n_participants);
      if (row.n_participants !== null && rounding <= 1) exact.add(nId);
      else if (row.n_participants !== null && row.n_participants > 0) rounded.add(nId);
      if (row.metric === 'participants' && row.value === 0) empty.push(`${row.period}/${row.programme_id}/${row.group_type}/`);
      if (valueId === undefined || valueId === nId || row.value === null || row.n_participants === null) continue;
      if (rounding > 1) {
        bucket(valueId, Math.round(row.value * row.n_participants));
        if (row.value > 0) rounded.add(valueId); else exact.add(valueId);
      } else {
        // A rate at 0.1 %: the numerator lies within half a step of value × n.
        const lo = Math.ceil((row.value - 0.0005) * row.n_participants - 1e-9);
        const hi = Math.floor((row.value + 0.0005) * row.n_participants + 1e-9);
        constraints.push(`${valueId} >= ${Math.max(row.value > 0 ? k : 0, lo)}`, `${valueId} <= ${hi}`);
        exact.add(valueId);
      }
      if (COUNTS.has(row.metric) && rounding <= 1) exact.add(valueId);
    }
  }
  for (const [cell, entry] of cells) {
    for (const q of entry.qs) {
      const total = v(cell, q);
      const sum = (parts: string[]): void => { constraints.push(`${total} - ${parts.join(' - ')} = 0`); };
      if (entry.type === '*') sum(TYPES.map((t) => v(`${entry.period}/${entry.programme}/${t}/${entry.instrument}`, q)));
      if (entry.programme === '*') sum([...programmes].map((p) => v(`${entry.period}/${p}/${entry.type}/${entry.instrument}`, q)));
      const months = monthsOf(entry.period);
      if (months.length > 0) sum(months.map((m) => v(`${m}/${entry.programme}/${entry.type}/${entry.instrument}`, q)));
    }
    const has = (q: string): boolean => entry.qs.has(q);
    const le = (left: string[], right: string): void => { constraints.push(`${left.map((q) => v(cell, q)).join(' + ')} - ${v(cell, right)} <= 0`); };
    if (has('completers_finished') && has('dropouts')) constraints.push(`${v(cell, 'completers_finished')} + ${v(cell, 'dropouts')} - ${v(cell, 'finished')} = 0`);
    if (has('finished')) le(['finished'], 'participants');
    if (has('improved') || has('deteriorated')) le(['improved', 'deteriorated'].filter(has), 'paired');
    if (has('recovered') && has('paired_cases')) le(['recovered'], 'paired_cases');
    if (has('paired_cases')) { le(['paired_cases'], 'cases'); le(['paired_cases'], 'paired'); }
    if (has('paired') && has('enrolled')) le(['paired'], 'enrolled');
    for (const q of entry.qs) {
      const retained = /^retained_s(\d+)$/.exec(q);
      if (retained !== null) le([q], `at_risk_s${retained[1]}`);
    }
  }
  for (const [name, id] of vars) if (empty.some((prefix) => name.startsWith(prefix))) constraints.push(`${id} = 0`);
  const ids = [...vars.values()];
  const names = new Map([...vars].map(([name, id]) => [id, name]));
  // Counts no constraint chain links are independent problems: each target is solved within its own component.
  const parent = new Map(ids.map((id) => [id, id]));
  const root = (id: string): string => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r) ?? r;
    parent.set(id, r);
    return r;
  };
  const varsOf = (c: string): string[] => c.match(/v\d+/g) ?? [];
  for (const c of constraints) {
    const [first, ...rest] = varsOf(c);
    for (const other of rest) if (first !== undefined) parent.set(root(other), root(first));
  }
  const byComponent = new Map<string, string[]>();
  for (const c of constraints) {
    const first = varsOf(c)[0];
    if (first === undefined) continue;
    const r = root(first);
    byComponent.set(r, [...(byComponent.get(r) ?? []), c]);
  }
  const bodies = new Map<string, string>();
  const bodyOf = (id: string): string => {
    const r = root(id);
    let body = bodies.get(r);
    if (body === undefined) {
      const own = byComponent.get(r) ?? [];
      const members = ids.filter((x) => root(x) === r);
      body = `Subject To\n${own.length > 0 ? own.map((c, i) => ` c${i}: ${c}`).join('\n') : ` c0: ${id} >= 0`}\nBounds\n${members.map((x) => ` ${x} >= 0`).join('\n')}\nGenerals\n ${members.join(' ')}\nEnd`;
      bodies.set(r, body);
    }
    return body;
  };
  const targets = ids.filter((id) => !exact.has(id) && (hidden.has(id) || rounded.has(id)));
  const out: Interval[] = [];
  for (const id of targets) {
    const body = bodyOf(id);
    const solve = (sense: 'Minimize' | 'Maximize'): number => {
      const result = highs.solve(`${sense}\n obj: ${id}\n${body}`, { output_flag: false });
      if (result.Status === 'Optimal') return Math.round(result.ObjectiveValue);
      // Feasible at the other end, so "infeasible or unbounded" here is unbounded.
      if (result.Status === 'Unbounded' || (result.Status as string).includes('unbounded')) return sense === 'Maximize' ? Infinity : -Infinity;
      throw new Error(`attacker model ${result.Status} for ${names.get(id)}`);
    };
    // A count some release publishes rounded is known to its bucket whatever another release hides: it must keep
    // that bucket; a count only ever hidden must keep the protection width.
    out.push({ name: names.get(id) ?? id, low: solve('Minimize'), high: solve('Maximize'), rounded: rounded.has(id) });
  }
  return out;
};

/**
 * The true value of every count the attacker names, from the rows before control (its own catalogue): a row's n
 * is its n quantity, a count's value or a rate's value × n its value quantity (0 for a rate of nobody).
 */
export const trueValues = (rows: readonly FigureRow[]): Map<string, number> => {
  const truth = new Map<string, number>();
  for (const row of rows) {
    const q = quantitiesOf(row.metric);
    if (q === undefined || row.n_participants === null) continue;
    const cell = `${row.period}/${row.programme_id}/${row.group_type}/${row.instrument}`;
    truth.set(`${cell}/${q.n}`, row.n_participants);
    if (q.value !== undefined && row.value !== null) truth.set(`${cell}/${q.value}`, COUNTS.has(row.metric) ? row.value : Math.round(row.value * row.n_participants));
    // A rate of nobody has no value, and its numerator is nobody too.
    else if (q.value !== undefined && row.n_participants === 0) truth.set(`${cell}/${q.value}`, 0);
  }
  return truth;
};

/**
 * The intervals that disclose: one value, inside 1..k−1, a hidden count narrower than the protection width, or a
 * rounded count narrowed inside its rounding bucket (`rounding` − 1 wide). A count known to be 0 discloses nobody.
 * Given the true values, a count that is truly nobody or k or more (a complement: τ-ARGUS's non-sensitive cell)
 * discloses nobody either to a reader who sees exact counts (`rounding` 1); a reader of rounded counts only must
 * not get it back exactly and keeps half a rounding bucket of uncertainty.
 */
export const intervalLeaks = (
  intervals: readonly Interval[], rule: { k: number; protectionWidth: number; rounding?: number }, truth?: ReadonlyMap<string, number>,
): Interval[] =>
  intervals.filter(({ name, low, high, rounded }) => {
    if (low === 0 && high === 0) return false;
    const value = truth?.get(name);
    const base = rule.rounding ?? 1;
    if (value !== undefined && (value === 0 || value >= rule.k)) {
      // A reader who sees exact counts may know a complement (a rounded one too); a reader of rounded counts
      // only must not get it back exactly and keeps half a rounding bucket (3 possible values with base 5).
      return base > 1 && high - low < Math.ceil((base - 1) / 2);
    }
    if (low === high) return true;
    if (low >= 1 && high <= rule.k - 1) return true;
    return rounded ? high - low < Math.min(rule.protectionWidth, rule.rounding ?? 5) - 1 : high - low < rule.protectionWidth;
  });
