import { describe, expect, it } from 'vitest';
import { checkGroup } from '../../../../functions/core/ingest/check-group';
import type { GroupPayload } from '../../../../schemas/api/group';

const GROUP: GroupPayload = {
  groupId: 'northside-support-001', programmeId: 'carers', groupType: 'support', startDate: '2026-01-05',
  plannedSessions: 8, instruments: ['swemwbs', 'brs'], facilitatorQualification: 'counsellor',
};
const allUsable = (): string | null => null;

describe('checkGroup', () => {
  it('passes a group of a registered programme with usable instruments', () => {
    expect(checkGroup(GROUP, true, allUsable)).toEqual([]);
  });

  it('accepts an end date equal to the start date', () => {
    expect(checkGroup({ ...GROUP, endDate: '2026-01-05' }, true, allUsable)).toEqual([]);
  });

  it('names an end before the start, an unregistered programme and each unusable instrument', () => {
    // Prepare
    const reasons: Record<string, string> = { 'cd-risc-10': 'needs a licence', zzz: 'unknown instrument' };

    // Act
    const problems = checkGroup(
      { ...GROUP, endDate: '2026-01-04', instruments: ['swemwbs', 'cd-risc-10', 'zzz'] },
      false,
      (id) => reasons[id] ?? null,
    );

    // Assess
    expect(problems).toEqual([
      { index: null, path: 'endDate', message: 'endDate: endDate must not be before startDate.' },
      { index: null, path: 'programmeId', message: 'programmeId: Programme "carers" is not registered; an operator registers it with POST /v1/admin/programmes.' },
      { index: null, path: 'instruments/1', message: 'instruments/1: needs a licence' },
      { index: null, path: 'instruments/2', message: 'instruments/2: unknown instrument' },
    ]);
  });
});
