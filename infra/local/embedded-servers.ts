import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const require = createRequire(import.meta.url);

/** A running embedded server: where to reach it and how to stop it. */
export interface EmbeddedServer {
  endpoint: string;
  close: () => Promise<void>;
}

/** The credentials the embedded servers accept (s3rver checks them; dynalite takes any). */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** Region the local stack reports; the embedded servers ignore it. */
export const LOCAL_REGION = 'eu-west-2';

/**
 * Starts dynalite (the DynamoDB API over LevelDB) on loopback. With `path` the data survives a restart;
 * without it the store is in memory. Port 0 picks a free port.
 */
export const startDynamoDb = async (options: { port?: number; path?: string } = {}): Promise<EmbeddedServer> => {
  const dynalite = require('dynalite') as (opts: Record<string, unknown>) => Server;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(options.path !== undefined && { path: options.path }) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
};

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}

/** Starts s3rver (the S3 API over a directory) on loopback; objects persist in `directory`. */
export const startS3 = async (options: { directory: string; port?: number; buckets?: readonly string[] }): Promise<EmbeddedServer> => {
  const S3rver = require('s3rver') as new (opts: Record<string, unknown>) => S3rverInstance;
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    directory: options.directory,
    silent: true,
    configureBuckets: (options.buckets ?? []).map((name) => ({ name, configs: [] })),
  });
  const address = await server.run();
  return { endpoint: `http://127.0.0.1:${address.port}`, close: () => server.close() };
};
