import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../../infra/local/route-match';

describe('matchRoute', () => {
  it('finds a route by method and path with its path parameters decoded', () => {
    // Act
    const match = matchRoute('DELETE', '/v1/admin/keys/abc%20def');

    // Assess
    expect(match).toMatchObject({ route: { handler: 'adminKeys', authorized: true }, pathParameters: { keyId: 'abc def' } });
  });

  it('tells a wrong method (405) from a missing path (404)', () => {
    expect(matchRoute('GET', '/v1/attendance')).toBe('method');
    expect(matchRoute('POST', '/v1/attendance/extra')).toBeNull();
    expect(matchRoute('GET', '/openapiXjson')).toBeNull();
  });

  it('passes a malformed escape on as sent instead of failing', () => {
    expect(matchRoute('DELETE', '/v1/admin/keys/%E0%A4%A')).toMatchObject({ pathParameters: { keyId: '%E0%A4%A' } });
  });
});
