import { describe, expect, it } from 'vitest';
import { isPlainKeyPrefix, isPlainObjectKey, objectKeyFromRawPath } from '../../../functions/publishing/object-key';

describe('objectKeyFromRawPath', () => {
  it('reads the published keys as they are', () => {
    // Act, Assess
    expect(objectKeyFromRawPath('dashboards/index.html')).toBe('dashboards/index.html');
    expect(objectKeyFromRawPath('dashboards/young-people/index.html')).toBe('dashboards/young-people/index.html');
    expect(objectKeyFromRawPath('reports/city_council/2026-Q3/report.pdf')).toBe('reports/city_council/2026-Q3/report.pdf');
    expect(objectKeyFromRawPath('dashboards/%61dults/index.html')).toBe('dashboards/adults/index.html');
  });

  it.each([
    ['an encoded slash after ..', 'dashboards/own/..%2Fother/index.html'],
    ['a lower-case encoded slash', 'dashboards/own/..%2fother/index.html'],
    ['a double-encoded slash', 'dashboards/own/..%252Fother/index.html'],
    ['an encoded slash inside a segment', 'dashboards/own%2Fother/index.html'],
    ['an encoded backslash', 'dashboards/own/..%5Cother/index.html'],
    ['a double-encoded backslash', 'dashboards/own/..%255Cother/index.html'],
    ['a raw backslash', 'dashboards/own/..\\other/index.html'],
    ['a .. segment', 'dashboards/own/../other/index.html'],
    ['an encoded .. segment', 'dashboards/own/%2e%2e/other/index.html'],
    ['a . segment', 'dashboards/./own/index.html'],
    ['an empty segment', 'dashboards//index.html'],
    ['a leading slash', '/dashboards/index.html'],
    ['a trailing slash', 'dashboards/own/'],
    ['a hidden file', 'dashboards/.env'],
    ['a broken escape', 'dashboards/%E0%A4%A/index.html'],
    ['an encoded NUL', 'dashboards/own%00/index.html'],
    ['an empty path', ''],
  ])('refuses a path with %s', (_what, path) => {
    // Act, Assess
    expect(objectKeyFromRawPath(path)).toBeUndefined();
  });
});

describe('plain keys and prefixes', () => {
  it('takes folder prefixes ending in a slash and refuses wildcards and dot segments', () => {
    // Act, Assess
    expect(isPlainKeyPrefix('dashboards/')).toBe(true);
    expect(isPlainKeyPrefix('dashboards/adults/')).toBe(true);
    expect(isPlainKeyPrefix('dashboards/adults')).toBe(false);
    expect(isPlainKeyPrefix('dashboards/a*/')).toBe(false);
    expect(isPlainKeyPrefix('dashboards/../')).toBe(false);
    expect(isPlainObjectKey('dashboards/a?b/index.html')).toBe(false);
    expect(isPlainObjectKey(`dashboards/${'a'.repeat(2000)}`)).toBe(false);
  });
});
