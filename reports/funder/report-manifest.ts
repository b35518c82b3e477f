import type { Period } from '../../functions/core/figures/figure-row';
import type { DisclosurePolicy } from '../report-context';

/** One file of a funder report with its SHA-256 (hex). */
export interface ManifestFile {
  name: string;
  contentType: string;
  bytes: number;
  sha256: string;
}

/** `manifest.json` of a funder report: what it covers, what it was built from and the checksum of every file. */
export interface ReportManifest {
  kind: 'funder-report';
  funderId: string;
  period: Period;
  programmeIds: string[];
  generatedAt: string;
  watermark: string;
  policy: DisclosurePolicy;
  figures: { total: number; suppressed: number };
  charts: string[];
  files: ManifestFile[];
}
