import type { ClinicPayload, ProgrammePayload } from '../../../schemas/api/admin';

/** The demo organisation: three clinics, three programmes, three funders. */
export const DEMO_CLINICS: readonly ClinicPayload[] = [
  { clinicId: 'northside', name: 'Northside Wellbeing Centre' },
  { clinicId: 'harbour', name: 'Harbour Community Clinic' },
  { clinicId: 'valley', name: 'Valley Psychological Services' },
];

export const DEMO_PROGRAMMES: readonly ProgrammePayload[] = [
  {
    programmeId: 'adult-resilience', name: 'Adult Resilience Programme',
    funders: [{ funderId: 'city-council', name: 'City Council Public Health' }, { funderId: 'wellbeing-trust', name: 'Wellbeing Trust' }],
    targets: { attendanceRate: 0.75, completionRate: 0.7, dropoutRate: 0.2, reliableImprovementRate: 0.5, recoveryRate: 0.5 },
  },
  {
    programmeId: 'young-people', name: "Young People's Resilience",
    funders: [{ funderId: 'wellbeing-trust', name: 'Wellbeing Trust' }],
    completion: { minShare: 0.5 },
    targets: { mainInstrument: 'swemwbs', completionRate: 0.65, dropoutRate: 0.25, reliableImprovementRate: 0.4 },
  },
  {
    programmeId: 'carers', name: 'Carers Together',
    funders: [{ funderId: 'community-fund', name: 'Community Fund' }],
    completion: { minSessions: 4 },
  },
];

/** Which demo key is scoped to what. */
export const DEMO_KEY_SCOPES = {
  clinic: { role: 'clinic', clinicId: 'northside', label: 'demo clinic' },
  clinic2: { role: 'clinic', clinicId: 'harbour', label: 'demo second clinic' },
  clinic3: { role: 'clinic', clinicId: 'valley', label: 'demo third clinic' },
  manager: { role: 'manager', programmeIds: ['adult-resilience', 'young-people'], label: 'demo programme manager' },
  funder: { role: 'funder', funderId: 'wellbeing-trust', label: 'demo funder' },
} as const;
