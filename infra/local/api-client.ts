/** An API answer that was not 2xx. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(readonly status: number, readonly body: unknown, message: string) {
    super(message);
  }
}

/** The API could not be reached, or the connection broke before an answer (after the retries a read is allowed). */
export class ApiConnectionError extends Error {
  override readonly name = 'ApiConnectionError';
}

/** Socket errors after which a request never got an answer; a read may be sent again on a fresh connection. */
const BROKEN_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);
/** Reads are safe to repeat; writes are not retried (the server may have acted on them). */
const RETRIED_METHODS = new Set(['GET']);
const READ_ATTEMPTS = 4;

const connectionCode = (error: unknown): string | undefined => {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : undefined;
};

/** A minimal client of the HTTP API (the seeder, the CLI and the end-to-end tests use it). */
export const apiClient = (baseUrl: string) => {
  const send = async (method: string, path: string, init: RequestInit): Promise<Response> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await fetch(new URL(path, baseUrl), init);
      } catch (error) {
        const code = connectionCode(error);
        // A kept-alive socket the server closed just as the next poll went out (its keep-alive timer fires late when
        // its event loop was busy, e.g. rendering a run) resets the request unread: the read is sent again.
        if (code !== undefined && BROKEN_CONNECTION.has(code) && RETRIED_METHODS.has(method) && attempt < READ_ATTEMPTS) {
          await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
          continue;
        }
        throw new ApiConnectionError(`${method} ${path}: could not reach ${baseUrl} (${code ?? (error instanceof Error ? error.message : String(error))})`, { cause: error });
      }
    }
  };
  const call = async <T>(method: string, path: string, key: string | undefined, body?: unknown): Promise<T> => {
    const response = await send(method, path, {
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
