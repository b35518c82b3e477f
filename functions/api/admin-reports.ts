import { reportRequestSchema, type ReportRequest } from '../../schemas/api/reports';
import { compileValidator } from '../core/validation/schema-validator';
import { Messages } from '../core/messages';
import { authorized } from './handle';
import { parseBody } from './request';
import { json } from './http-response';
import { ConflictError, NotFoundError } from './errors';
import { nightlyContext } from '../nightly/lambda-context';
import { PeriodNotPublishedError, UnknownFunderError, publishFunderReport } from '../publishing/publish-reports';

const validate = compileValidator<ReportRequest>(reportRequestSchema);

/**
 * `POST /v1/admin/reports`: (re)build one funder's report of a closed, published period. Rebuilding is
 * idempotent: the same figures give the same bytes under the same keys.
 */
export const handler = authorized(['admin'], async (event) => {
  const request = parseBody(event, validate);
  try {
    const result = await publishFunderReport(nightlyContext, request.funderId, request.period);
    if (result === null) throw new NotFoundError(Messages.noFiguresForFunder(request.funderId, request.period));
    return json(200, { funderId: request.funderId, period: request.period, objects: result.keys });
  } catch (error) {
    if (error instanceof PeriodNotPublishedError) throw new ConflictError(Messages.periodNotPublished(request.period), { cause: error });
    if (error instanceof UnknownFunderError) throw new NotFoundError(Messages.funderNotRegistered(request.funderId), { cause: error });
    throw error;
  }
});
