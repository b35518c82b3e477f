import type { CatalogueEntry } from './report-catalogue';
import { dashboardFolder, dashboardKeyIn } from './generation';
import { isPlainKeyPrefix } from './object-key';
import { UnsignableKeyError } from './signed-links';

/**
 * The bucket folders a signed-in reader may open, from what the catalogue lists for them (pure): the whole
 * dashboards folder of the generation for a reader of the organisation page, else each of their programmes'
 * dashboard folders, and the report folder of each funder whose reports they may read (`reports/<funderId>/`). Nothing
 * else: a session never covers a folder the catalogue would not list. No prefix lies inside another, so each
 * CloudFront cookie triple (one per prefix, scoped by its Path) is the only one a request carries.
 */
export const sessionPrefixes = (entries: readonly CatalogueEntry[], generation: string | undefined): string[] => {
  const dashboards = entries.filter((e) => e.kind === 'dashboard');
  const seesAll = dashboards.some((e) => e.programmeId === undefined);
  const folderOf = (key: string): string => key.slice(0, key.lastIndexOf('/') + 1);
  const prefixes = new Set<string>(seesAll ? [dashboardFolder(generation)] : dashboards.flatMap((e) => Object.values(e.files).map((key) => folderOf(dashboardKeyIn(generation, key)))));
  for (const entry of entries) {
    if (entry.kind !== 'funder-report' || entry.funderId === undefined) continue;
    prefixes.add(`reports/${entry.funderId}/`);
  }
  const sorted = [...prefixes].sort();
  for (const prefix of sorted) if (!isPlainKeyPrefix(prefix)) throw new UnsignableKeyError(`Refusing a session over the prefix "${prefix.slice(0, 200)}"`);
  return sorted;
};

/** Whether one of a session's prefixes covers `key`. */
export const prefixesCover = (prefixes: readonly string[], key: string): boolean => prefixes.some((prefix) => key.startsWith(prefix));

/** The logical keys of the dashboards a reader holds (what the sign-in page tells the dashboards, for their links). */
export const dashboardScope = (entries: readonly CatalogueEntry[]): string[] =>
  entries.filter((e) => e.kind === 'dashboard').flatMap((e) => Object.values(e.files));
