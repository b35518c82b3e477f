import type { FromSchema } from 'json-schema-to-ts';

/** Query of `GET /v1/figures`: which published figures, and in which form. */
export const figuresQuerySchema = {
  $id: 'figures-query',
  title: 'FiguresQuery',
  type: 'object',
  additionalProperties: false,
  properties: {
    period: { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$', description: 'A month (2026-09) or quarter (2026-Q3); all periods when absent.' },
    programmeId: { type: 'string', pattern: '^([A-Za-z0-9][A-Za-z0-9._-]{0,63}|[*])$', description: 'One programme, or `*` for the all-programmes margin; every programme the key may see when absent.' },
    format: { type: 'string', enum: ['json', 'csv'] },
  },
} as const;
export type FiguresQuery = FromSchema<typeof figuresQuerySchema>;
