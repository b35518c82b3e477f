/**
 * Writes the precompiled validators of the ingest routes (`npm run build:validators`); a test checks that the
 * committed files match what this writes, so a schema change cannot leave them stale.
 */
import { writeFileSync } from 'node:fs';
import { attendanceBatchSchema } from '../../../schemas/api/attendance';
import { responsesBatchSchema } from '../../../schemas/api/responses';
import { standaloneSource } from '../../core/validation/standalone-source';

/** Each precompiled validator: its file (beside this script), its schema and the schema's module. */
export const PRECOMPILED = [
  { file: 'attendance-batch.ts', schema: attendanceBatchSchema, module: 'schemas/api/attendance.ts (attendanceBatchSchema)' },
  { file: 'responses-batch.ts', schema: responsesBatchSchema, module: 'schemas/api/responses.ts (responsesBatchSchema)' },
] as const;

/** The source of one precompiled validator module. */
export const precompiledSource = (entry: (typeof PRECOMPILED)[number]): string => standaloneSource(entry.schema, entry.module);

if (process.argv.includes('--write')) {
  for (const entry of PRECOMPILED) writeFileSync(new URL(`./${entry.file}`, import.meta.url), precompiledSource(entry));
}
