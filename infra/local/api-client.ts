/** An API answer that was not 2xx. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(readonly status: number, readonly body: unknown, message: string) {
    super(message);
  }
}

/** A minimal client of the HTTP API (the seeder, the CLI and the end-to-end tests use it). */
export const apiClient = (baseUrl: string) => {
  const call = async <T>(method: string, path: string, key: string | undefined, body?: unknown): Promise<T> => {
    const response = await fetch(new URL(path, baseUrl), {
      method,
      headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(key !== undefined && { authorization: `Bearer ${key}` }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const parsed: unknown = text === '' ? null : JSON.parse(text);
    if (!response.ok) {
      const detail = parsed !== null && typeof parsed === 'object' ? JSON.stringify(parsed).slice(0, 500) : text.slice(0, 200);
      throw new ApiError(response.status, parsed, `${method} ${path} answered ${response.status}: ${detail}`);
    }
    return parsed as T;
  };
  return {
    get: <T>(path: string, key?: string) => call<T>('GET', path, key),
    post: <T>(path: string, key: string | undefined, body: unknown) => call<T>('POST', path, key, body),
    delete: <T>(path: string, key?: string) => call<T>('DELETE', path, key),
  };
};

export type ApiClient = ReturnType<typeof apiClient>;
