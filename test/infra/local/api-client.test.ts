import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiConnectionError, apiClient } from '../../../infra/local/api-client';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server = undefined;
});

/** A server that resets the connection of the first `resets` requests (as a keep-alive timeout firing on an unread request does). */
const resettingServer = async (resets: number): Promise<{ url: string; seen: () => number }> => {
  let seen = 0;
  server = createServer((request, response) => {
    seen += 1;
    if (seen <= resets) {
      request.socket.resetAndDestroy();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, method: request.method }));
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen: () => seen };
};

describe('apiClient', () => {
  it('sends a read again on a fresh connection when the server resets the connection', async () => {
    // Prepare
    const target = await resettingServer(2);

    // Act
    const answer = await apiClient(target.url).get<{ ok: boolean }>('/v1/admin/runs/run-1');

    // Assess
    expect(answer).toEqual({ ok: true, method: 'GET' });
    expect(target.seen()).toBe(3);
  });

  it('does not send a write twice and reports the broken connection as an ApiConnectionError', async () => {
    // Prepare
    const target = await resettingServer(1);

    // Act
    const failure = await apiClient(target.url).post('/v1/admin/runs', 'key', {}).then(() => null, (error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(ApiConnectionError);
    expect((failure as Error).message).toContain('ECONNRESET');
    expect(target.seen()).toBe(1);
  });

  it('gives up on a read after a few resets with an ApiConnectionError', async () => {
    // Prepare
    const target = await resettingServer(10);

    // Act
    const failure = await apiClient(target.url).get('/health').then(() => null, (error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(ApiConnectionError);
    expect(target.seen()).toBe(4);
  });
});
