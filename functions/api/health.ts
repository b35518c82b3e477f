import { buildOpenApi } from '../../schemas/openapi';
import { open } from './handle';
import { json } from './http-response';

// Built once per cold start from the same schemas the handlers validate with, so the two never drift.
const document = buildOpenApi();

/** `GET /health` (no key needed) and `GET /openapi.json` (the OpenAPI 3.1 document). */
export const handler = open(async (event) => {
  if (event.path.endsWith('/openapi.json')) return json(200, document, { 'cache-control': 'public, max-age=300' });
  return json(200, { status: 'ok', service: 'resilience-outcomes', version: document.info.version });
});
