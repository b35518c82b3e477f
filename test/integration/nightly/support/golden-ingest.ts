import type { ApiClient } from '../../../../infra/local/api-client';
import { GOLDEN_ATTENDANCE, GOLDEN_GROUPS, GOLDEN_RESPONSES } from '../../../functions/core/rollup/support/golden-dataset';

/** Submits the golden dataset through the HTTP API with a `northside` clinic key. */
export const ingestGolden = async (api: ApiClient, clinicKey: string): Promise<void> => {
  for (const group of GOLDEN_GROUPS) await api.post('/v1/groups', clinicKey, group);
  await api.post('/v1/attendance', clinicKey, { records: GOLDEN_ATTENDANCE });
  await api.post('/v1/responses', clinicKey, { responses: GOLDEN_RESPONSES });
};
