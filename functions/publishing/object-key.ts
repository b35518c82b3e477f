/**
 * Bucket keys a signed link may name. Every key the pipeline publishes is made of plain segments
 * (`dashboards/<programmeId>/index.html`, `reports/<funderId>/<period>/report.pdf`): letters, digits, `.`, `_`
 * and `-`, never starting with a dot. Anything else — `.` or `..` segments, empty segments, backslashes,
 * separators or percent signs hidden by (double) encoding — is refused before any policy is checked, so a
 * prefix policy can never be stretched to cover a key outside it.
 */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,254}$/;
const MAX_KEY_LENGTH = 1024;

/** Whether `key` is a plain bucket key: only plain segments joined by single `/` (no traversal, no encoding). */
export const isPlainObjectKey = (key: string): boolean =>
  key.length > 0 && key.length <= MAX_KEY_LENGTH && key.split('/').every((segment) => SEGMENT.test(segment));

/** Whether `prefix` is a plain key prefix: plain segments each followed by `/` (e.g. `dashboards/adults/`). */
export const isPlainKeyPrefix = (prefix: string): boolean =>
  prefix.endsWith('/') && isPlainObjectKey(prefix.slice(0, -1));

/**
 * The bucket key a raw request path names (the part after `/files/`, exactly as sent, still percent-encoded),
 * or undefined when it is not a plain key. Each segment is decoded once; a segment that decodes to a
 * separator, a dot segment or another escape (double encoding) is not plain, so it is refused.
 * @example objectKeyFromRawPath('dashboards/adults/index.html') === 'dashboards/adults/index.html'
 * @example objectKeyFromRawPath('dashboards/adults/..%2Fyoung/index.html') === undefined
 */
export const objectKeyFromRawPath = (rawPath: string): string | undefined => {
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    // Checked per decoded segment: `a%2Fb` must not pass as the two segments `a/b`.
    if (!SEGMENT.test(segment)) return undefined;
    segments.push(segment);
  }
  const key = segments.join('/');
  return key.length <= MAX_KEY_LENGTH ? key : undefined;
};
