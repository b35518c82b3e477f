import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The structured JSON logger. Never pass it participant references, item answers or API keys:
 * handlers log counts, ids of groups and keys, and error classes only.
 */
export const logger = new Logger({ serviceName: process.env['POWERTOOLS_SERVICE_NAME'] ?? 'resilience-outcomes' });
