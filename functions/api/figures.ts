import { figuresQuerySchema, type FiguresQuery } from '../../schemas/api/figures';
import { compileValidator } from '../core/validation/schema-validator';
import { figuresCsv } from '../core/figures/figures-csv';
import { Messages } from '../core/messages';
import { authorized } from './handle';
import { json } from './http-response';
import { ForbiddenError, NotFoundError, ValidationError } from './errors';
import { Env, HANDLERS } from '../../infra/api-routes';
import { s3Client } from '../runtime/aws-clients';
import { required } from '../runtime/config';
import { db } from '../runtime/context';
import { listProgrammes } from '../store/organisation-store';
import { getPublication, readDashboardFigures } from '../store/figure-store';
import { getObjectBody } from '../store/object-store';
import { selectFigures, visibleSlices } from '../publishing/visible-figures';
import { publicationKeys } from '../nightly/steps/roll-up';
import { generationFigureKeys } from '../publishing/generation';
import { getGenerationPointer } from '../store/generation-store';
import type { FigureRow } from '../core/figures/figure-row';

const validate = compileValidator<FiguresQuery>(figuresQuerySchema);

/** The figures of the published generation, as its dashboards show them (older stores without one: the table's). */
const dashboardFigures = async (slices: readonly string[]): Promise<FigureRow[]> => {
  const generation = (await getGenerationPointer(db))?.current;
  if (generation === undefined) return (await Promise.all(slices.map((id) => readDashboardFigures(db, id)))).flat();
  const body = await getObjectBody(s3Client, bucket, generationFigureKeys(generation).json);
  return body === undefined ? [] : (JSON.parse(body.toString('utf8')) as FigureRow[]);
};
const bucket = required(Env.reportsBucket);

/**
 * `GET /v1/figures?period=&programmeId=&format=json|csv`: the published, disclosure-controlled figures a key
 * may read. Managers and admins get the dashboard figures (every period, exact counts); funders get the frozen
 * funder publication of a closed period (rounded), and must name the period.
 */
export const handler = authorized(HANDLERS.figures.roles, async (event, principal) => {
  const result = validate(event.queryStringParameters ?? {});
  if (!result.ok) throw new ValidationError(result.problems.map((p) => ({ ...p, message: p.message.replace(/^body/, 'query') })));
  const query = result.value;
  const programmes = await listProgrammes(db);
  const slices = visibleSlices(principal, programmes);
  if (query.programmeId !== undefined && !slices.includes(query.programmeId)) throw new ForbiddenError(Messages.programmeNotInScope(query.programmeId));
  const wanted = query.programmeId === undefined ? slices : [query.programmeId];
  let rows: FigureRow[];
  if (principal.role === 'funder') {
    if (query.period === undefined) throw new ValidationError([{ index: null, path: 'period', message: `period: ${Messages.periodRequiredForFunders}` }]);
    if ((await getPublication(db, query.period)) === undefined) throw new NotFoundError(Messages.periodNotPublished(query.period));
    const body = await getObjectBody(s3Client, bucket, publicationKeys(query.period).json);
    rows = selectFigures(body === undefined ? [] : (JSON.parse(body.toString('utf8')) as FigureRow[]), wanted, query.period);
  } else {
    rows = selectFigures(await dashboardFigures(wanted), wanted, query.period);
  }
  if (query.format === 'csv') {
    return { statusCode: 200, headers: { 'content-type': 'text/csv; charset=utf-8', 'cache-control': 'no-store' }, body: figuresCsv(rows) };
  }
  return json(200, { count: rows.length, rows });
});
