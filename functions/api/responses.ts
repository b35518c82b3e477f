import { HANDLERS } from '../../infra/api-routes';
import type { ResponseRecord, ResponsesBatch } from '../../schemas/api/responses';
import { validatorOf } from '../core/validation/validation-problems';
import { validate as responsesBatch } from './validators/responses-batch';
import { responsesFromCsv } from '../core/ingest/csv-batch';
import { responseItem } from '../core/ingest/record-items';
import { checkResponse } from '../core/ingest/check-response';
import { batchRiskFlags } from '../core/ingest/batch-risk-flags';
import type { ResponsesReceipt } from '../../schemas/api/risk-flags';
import { getInstrument } from '../core/instruments';
import { scoreAdministration } from '../core/scoring';
import { authorized } from './handle';
import { idempotent } from './idempotent';
import { parseBody } from './request';
import { json } from './http-response';
import { ingestBatch } from './ingest-batch';
import { settings } from '../runtime/context';

// Precompiled at build time (npm run build:validators): no schema compiler loaded or run at cold start.
const validate = validatorOf<ResponsesBatch>(responsesBatch);
const licensed = { licensed: settings.licensedInstruments };

/**
 * `POST /v1/responses`: up to 500 questionnaire administrations, scored on the server, written all or nothing; the
 * answer lists every risk item answered above its threshold, by record index (never logged, never published).
 */
export const handler = authorized(HANDLERS.responses.roles, idempotent(async (event, principal) => {
  const batch = parseBody(event, validate, responsesFromCsv);
  const records = batch.responses.map((r) => ({ ...r, date: r.administeredOn }));
  const counts = await ingestBatch<ResponseRecord & { date: string }>(principal.clinicId, records, {
    collection: 'responses',
    dateField: 'administeredOn',
    check: (record, index, group) => checkResponse(record, index, group, licensed),
    toItem: (record, pid, stamp) => {
      const items = record.items as (number | null)[];
      return responseItem(record, pid, scoreAdministration(getInstrument(record.instrument, licensed), items), stamp);
    },
  });
  const receipt: ResponsesReceipt = { ...counts, riskFlags: batchRiskFlags(batch.responses, (id) => getInstrument(id, licensed)) };
  return json(200, receipt);
}));
