import { localDate, type NightlyContext } from '../nightly-context';
import { UnprotectableDisclosureError, defaultDisclosurePolicy, type DisclosurePolicy } from '../../core/disclosure';
import { controlRelease, type AuditSummary, type ReaderView, type ReleaseOptions } from '../../core/disclosure/control-release';
import { everyFundersReports, funderViews } from '../../core/disclosure/reader-views';
import type { BoundSolver } from '../../core/disclosure/bound-solver';
import { DEFAULT_PROTECTION_WIDTH, type ProtectionRule } from '../../core/disclosure/interval-audit';
import type { HeldRelease } from '../../core/disclosure/interval-model';
import { publicationGrid } from '../../core/figures/publication-grid';
import { DEFAULT_RATE_DECIMALS, presentFigures, scoreDecimalsFor, type DisplayPrecision } from '../../core/figures/present-figures';
import { findInstrument } from '../../core/instruments/registry';
import { highsBoundSolver } from '../../runtime/highs-bound-solver';
import { figurePerturbationKey } from '../../runtime/perturbation-key';
import { DEFAULT_PERTURBATION_BASE } from '../../core/disclosure/perturbation';
import { suppressionNotes } from '../../core/disclosure/suppression-notes';
import type { FigureRow } from '../../core/figures/figure-row';
import { figuresCsv } from '../../core/figures/figures-csv';
import { comparePeriods, isClosed, monthOf, periodKind, quarterOf } from '../../core/periods/reporting-period';
import { monthsOfQuarter } from '../../core/disclosure';
import { dataWatermark, figureRows, rollUp } from '../../core/rollup/roll-up';
import { listProgrammes } from '../../store/organisation-store';
import { listGroupStats } from '../../store/stats-store';
import { ALL } from '../../core/figures/figure-row';
import { getPublication, listPublications, putPublication, replaceDashboardFigures } from '../../store/figure-store';
import { getObjectBody, putObject } from '../../store/object-store';
import { updateRun } from '../../store/run-store';
import { generationFigureKeys } from '../../publishing/generation';

export interface RollUpInput {
  runId: string;
  to: string;
  /** Passed on to the render step (the attempt's lease, renewed by each step in AWS). */
  leaseToken?: string;
}

export interface RollUpOutput {
  runId: string;
  to: string;
  dataAsOf: string;
  cellsPublished: number;
  cellsSuppressed: number;
  /** Closed periods published to funders by this run (months before their quarter). */
  periods: string[];
  /**
   * Groups whose data changed after the funder publication of their (frozen) period: counted in the
   * dashboards, not in that publication. Operators see it in the run record.
   */
  lateData: { period: string; groups: number }[];
  /** Closed periods disclosure control could not protect given earlier releases: not published, tried again next night. */
  withheld: string[];
  leaseToken?: string;
  /** The interval audit of the dashboard figures and of each funder publication of this run. */
  audit: { dashboard: AuditSummary; publications: Record<string, AuditSummary> };
}

/** `PROTECTION_WIDTH`: people a hidden count must stay uncertain over (default 5); fails fast when not a whole number ≥ 1. */
export const readProtectionWidth = (env: NodeJS.ProcessEnv = process.env): number => {
  const text = env['PROTECTION_WIDTH'];
  if (text === undefined || text === '') return DEFAULT_PROTECTION_WIDTH;
  const width = Number(text);
  if (!Number.isInteger(width) || width < 1) throw new Error(`PROTECTION_WIDTH must be a whole number of people (1 or more), got "${text}"`);
  return width;
};
const PROTECTION_WIDTH = readProtectionWidth();

// HiGHS is loaded once per process, on the first roll-up.
let solver: Promise<BoundSolver> | undefined;
const boundSolver = (): Promise<BoundSolver> => (solver ??= highsBoundSolver());

const scoreDecimals = (instrument: string): number => {
  if (instrument === '') return 1;
  try {
    return scoreDecimalsFor(findInstrument(instrument).scoreRange);
  } catch {
    return 1;
  }
};

/** Display precision of what managers (exact counts) and funders (rounded counts) receive. */
export const displayPrecision = (audience: 'manager' | 'funder'): DisplayPrecision => ({
  rateDecimals: DEFAULT_RATE_DECIMALS, effectDecimals: 2, scoreDecimals, meanChangeIntervalOnly: audience === 'funder',
});

const protectionRule = (ctx: NightlyContext): ProtectionRule => ({
  k: ctx.k, protectionWidth: PROTECTION_WIDTH, rateDecimals: DEFAULT_RATE_DECIMALS,
});

/**
 * With `OUTCOMES_TRACE_AUDIT=1`, a release's audit passes and each complement it hides (with the count it protects)
 * go to stderr: an operator's view of why a figure is hidden. Nothing otherwise.
 */
const auditTrace = (release: string): Pick<ReleaseOptions, 'onPass' | 'onComplement'> => (process.env['OUTCOMES_TRACE_AUDIT'] !== '1' ? {} : {
  onPass: (p) => { process.stderr.write(`${release} pass ${JSON.stringify(p)}\n`); },
  onComplement: (c, v) => {
    process.stderr.write(`  hide ${c.period} ${c.programme_id} ${c.group_type} ${c.instrument} ${c.metric}${c.perturbed === true ? ' (perturbed)' : ''} <= ${v.why} ${v.kind} ${v.name.replace(/[\u001e\u001f]/g, '/')} [${v.low},${v.high}]\n`);
  },
});

/** S3 keys of a funder publication's figures. */
export const publicationKeys = (period: string) => ({
  json: `publications/${period}/figures.json`,
  csv: `publications/${period}/figures.csv`,
  notes: `publications/${period}/suppression-notes.json`,
});

/** S3 keys of the dashboard figures (every period, manager audience) as the roll-up hands them to the render step; readers read a generation's copy. */
export const DASHBOARD_FIGURES = { json: 'figures/dashboard/figures.json', csv: 'figures/dashboard/figures.csv' } as const;

/**
 * Step 3: roll group statistics up into cells, apply disclosure control, and store what may be
 * published: the dashboard figures (every period, managers' policy) and, once per closed period, the
 * funder publication (funders' policy, rounding, and the earlier releases it must not undo).
 */
export const rollUpStep = async (ctx: NightlyContext, input: RollUpInput): Promise<RollUpOutput> => {
  const programmes = await listProgrammes(ctx.db);
  const summaries = (await Promise.all(programmes.map((p) => listGroupStats(ctx.db, p.programmeId)))).flat();
  const rows = publicationGrid(figureRows(rollUp(summaries)));
  const dataAsOf = dataWatermark(summaries);
  const solver = await boundSolver();
  const rule = protectionRule(ctx);
  const key = await figurePerturbationKey();
  const perturbation = key === undefined ? undefined : { key, minBase: DEFAULT_PERTURBATION_BASE };
  const views = funderViews(programmes);
  const publicationAudits: Record<string, AuditSummary> = {};

  // Funder publications first: they are frozen once out, and the dashboards are then audited against them
  // (a manager may hold a funder's reports too).
  const funderPolicy: DisclosurePolicy = { ...defaultDisclosurePolicy('funder'), k: ctx.k, rounding: ctx.funderRounding };
  const today = localDate(new Date(input.to), ctx.timeZone);
  const published = await listPublications(ctx.db);
  // Periods a resumed run's first attempt published count as this run's: redone identically and reported again.
  const publishedEarlier = new Set(published.filter((p) => p.runId !== input.runId).map((p) => p.period));
  const closable = [...new Set(rows.map((r) => r.period))]
    .filter((period) => isClosed(period, today, ctx.closeAfterDays) && !publishedEarlier.has(period))
    .sort(comparePeriods);
  const newlyPublished: string[] = [];
  const withheld: string[] = [];
  // Periods are controlled a quarter block at a time (a quarter with its months), jointly: months that
  // close together with their quarter are protected together, earlier releases of the block stay fixed.
  for (const block of quarterBlocks(closable)) {
    // A resumed run redoes the whole block, including what its first attempt published: same inputs, same bytes.
    const fresh = block;
    const blockMonths = monthsOfQuarter(quarterOf(fresh[0]!)) ?? [];
    const released = controlPublications(rows, fresh, funderPolicy, await publishedRows(ctx, blockMonths.filter((m) => !fresh.includes(m))), { solver, rule, views, perturbation, roundCells: { minBase: DEFAULT_PERTURBATION_BASE } });
    if (released === undefined) {
      withheld.push(...fresh);
      continue;
    }
    const controlled = released.rows;
    for (const period of fresh) {
      const own = controlled.filter((r) => r.period === period);
      const objects = await putFigures(ctx, publicationKeys(period), own);
      const notesKey = publicationKeys(period).notes;
      const notesOfPeriod = suppressionNotes(own, { k: funderPolicy.k, rounding: funderPolicy.rounding, revised: 0 });
      publicationAudits[period] = released.audit;
      const notes = Buffer.from(JSON.stringify({ period, policy: funderPolicy, notes: notesOfPeriod, audit: released.audit }, null, 1) + '\n');
      objects.push({ key: notesKey, sha256: await putObject(ctx.s3, ctx.bucket, { key: notesKey, body: notes, contentType: 'application/json; charset=utf-8' }) });
      await putPublication(ctx.db, {
        period, dataAsOf, runId: input.runId, rows: own.length,
        suppressed: own.filter((r) => r.suppressed).length, objects,
      });
      newlyPublished.push(period);
    }
  }
  newlyPublished.sort(comparePeriods);
  withheld.sort(comparePeriods);

  const managerPolicy: DisclosurePolicy = { ...defaultDisclosurePolicy('manager'), k: ctx.k };
  const allPublications = (await listPublications(ctx.db)).map((p) => p.period);
  // A manager may hold funders' reports: at most every funder's slice of the publications (never their
  // all-programmes margins unless a funder funds every programme).
  const held: HeldRelease[] = [{ rows: everyFundersReports(programmes, await publishedRows(ctx, allPublications)), rounding: funderPolicy.rounding, current: false }];
  const dashboard = controlRelease(rows, {
    policy: managerPolicy, rule, solver, present: (r) => presentFigures(r, displayPrecision('manager')), held, perturbation,
    roundCells: { minBase: DEFAULT_PERTURBATION_BASE }, ...auditTrace('dashboard'),
  });
  await replaceDashboardFigures(ctx.db, dashboard.rows, dataAsOf, [ALL, ...programmes.map((p) => p.programmeId)]);
  await putFigures(ctx, DASHBOARD_FIGURES, dashboard.rows);
  // The copy readers get (GET /v1/figures), in this run's generation: published with its dashboards.
  await putFigures(ctx, generationFigureKeys(input.runId), dashboard.rows);
  const lateData = lateGroups(summaries, published.filter((p) => publishedEarlier.has(p.period)));

  const output: RollUpOutput = {
    runId: input.runId, to: input.to, dataAsOf,
    cellsPublished: dashboard.rows.filter((r) => !r.suppressed).length,
    cellsSuppressed: dashboard.rows.filter((r) => r.suppressed).length,
    periods: newlyPublished,
    withheld,
    lateData,
    ...(input.leaseToken !== undefined && { leaseToken: input.leaseToken }),
    audit: { dashboard: dashboard.audit, publications: publicationAudits },
  };
  await updateRun(ctx.db, input.runId, {
    cellsPublished: output.cellsPublished, cellsSuppressed: output.cellsSuppressed, periodsPublished: newlyPublished,
    periodsWithheld: withheld, lateData, dataAsOf, disclosureAudit: output.audit,
  });
  return output;
};

const putFigures = async (ctx: NightlyContext, keys: { json: string; csv: string }, rows: readonly FigureRow[]) => {
  const json = Buffer.from(JSON.stringify(rows, null, 1) + '\n');
  const csv = Buffer.from(figuresCsv(rows));
  return [
    { key: keys.json, sha256: await putObject(ctx.s3, ctx.bucket, { key: keys.json, body: json, contentType: 'application/json; charset=utf-8' }) },
    { key: keys.csv, sha256: await putObject(ctx.s3, ctx.bucket, { key: keys.csv, body: csv, contentType: 'text/csv; charset=utf-8' }) },
  ];
};

/** Per frozen period, the groups whose data changed after it was published to funders. */
export const lateGroups = (
  summaries: readonly { endDate: string; changedAt: string }[],
  publications: readonly { period: string; dataAsOf: string }[],
): { period: string; groups: number }[] =>
  publications
    .map(({ period, dataAsOf }) => ({
      period,
      groups: summaries.filter((g) => (monthOf(g.endDate) === period || quarterOf(g.endDate) === period) && g.changedAt > dataAsOf).length,
    }))
    .filter((late) => late.groups > 0)
    .sort((a, b) => comparePeriods(a.period, b.period));

/** Groups periods into quarter blocks (a quarter and its months), in time order. */
export const quarterBlocks = (periods: readonly string[]): string[][] => {
  const blocks = new Map<string, string[]>();
  for (const period of [...periods].sort(comparePeriods)) {
    const quarter = periodKind(period) === 'quarter' ? period : quarterOf(`${period}-01`);
    blocks.set(quarter, [...(blocks.get(quarter) ?? []), period]);
  }
  return [...blocks.values()];
};

/**
 * Disclosure control of the funder publications of one quarter block. The block's months published
 * earlier take part with their current figures (so the core knows their true n) and their released
 * pattern fixed; only the periods being published come back. Undefined when nothing in this release can
 * protect a figure earlier releases expose: those periods are withheld rather than failing the night.
 */
export const controlPublications = (
  rows: readonly FigureRow[], periods: readonly string[], policy: DisclosurePolicy, previous: readonly FigureRow[],
  gate: { solver: BoundSolver; rule: ProtectionRule; views?: readonly ReaderView[]; perturbation?: { key: Buffer; minBase: number }; roundCells?: { minBase: number } },
): { rows: FigureRow[]; audit: AuditSummary } | undefined => {
  const earlier = new Set(previous.map((p) => p.period));
  const input = rows.filter((r) => periods.includes(r.period) || earlier.has(r.period));
  try {
    // The earlier months come back in the output (their pattern fixed); readers hold them as published.
    const released = controlRelease(input, {
      ...auditTrace(`publication ${periods.join(' ')}`),
      policy, ...gate, present: (r) => presentFigures(r, displayPrecision('funder')).filter((row) => !earlier.has(row.period)),
      previouslyPublished: previous, held: previous.length > 0 ? [{ rows: previous, rounding: policy.rounding, current: false }] : [],
    });
    return { rows: released.rows.filter((r) => periods.includes(r.period)), audit: released.audit };
  } catch (error) {
    if (error instanceof UnprotectableDisclosureError) return undefined;
    throw error;
  }
};

/** Thrown when a publication is recorded but its figures are not in the bucket: a release cannot be checked against it. */
export class PublishedFiguresMissingError extends Error {
  override readonly name = 'PublishedFiguresMissingError';
  constructor(period: string, options?: { cause?: unknown }) {
    super(`The funder publication of ${period} is recorded but ${publicationKeys(period).json} is missing`, options);
  }
}

/**
 * Rows of earlier funder publications (those that exist) — fixed, as funders already have them. Fails closed
 * when a recorded publication's figures cannot be read: controlling a quarter without its months could leak.
 */
export const publishedRows = async (ctx: NightlyContext, periods: readonly string[]): Promise<FigureRow[]> => {
  const rows: FigureRow[] = [];
  for (const period of periods) {
    if ((await getPublication(ctx.db, period)) === undefined) continue;
    const body = await getObjectBody(ctx.s3, ctx.bucket, publicationKeys(period).json);
    if (body === undefined) throw new PublishedFiguresMissingError(period);
    rows.push(...(JSON.parse(body.toString('utf8')) as FigureRow[]));
  }
  return rows;
};
