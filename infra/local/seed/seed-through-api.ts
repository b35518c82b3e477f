import type { ApiClient } from '../api-client';
import type { ClinicSubmissions } from './synthetic-dataset';

const BATCH = 500;

/** Counts of what the seeder sent and what the API accepted. */
export interface SeedReport {
  groups: number;
  attendance: number;
  responses: number;
}

/**
 * Sends each clinic's synthetic submissions through the HTTP API with that clinic's key, in batches of
 * 500, exactly as a clinic's data system would.
 */
export const seedThroughApi = async (
  api: ApiClient,
  submissions: readonly ClinicSubmissions[],
  clinicKeys: ReadonlyMap<string, string>,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<SeedReport> => {
  const total = submissions.reduce((n, s) => n + s.groups.length + Math.ceil(s.attendance.length / BATCH) + Math.ceil(s.responses.length / BATCH), 0);
  let done = 0;
  const step = () => onProgress(++done, total);
  const report: SeedReport = { groups: 0, attendance: 0, responses: 0 };
  for (const clinic of submissions) {
    const key = clinicKeys.get(clinic.clinicId);
    if (key === undefined) throw new Error(`No key for clinic ${clinic.clinicId}`);
    for (const group of clinic.groups) {
      await api.post('/v1/groups', key, group);
      report.groups += 1;
      step();
    }
    for (let i = 0; i < clinic.attendance.length; i += BATCH) {
      const counts = await api.post<{ accepted: number; unchanged: number }>('/v1/attendance', key, { records: clinic.attendance.slice(i, i + BATCH) });
      report.attendance += counts.accepted + counts.unchanged;
      step();
    }
    for (let i = 0; i < clinic.responses.length; i += BATCH) {
      const counts = await api.post<{ accepted: number; unchanged: number }>('/v1/responses', key, { responses: clinic.responses.slice(i, i + BATCH) });
      report.responses += counts.accepted + counts.unchanged;
      step();
    }
  }
  return report;
};
