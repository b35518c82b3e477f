import { createHmac } from 'node:crypto';
import { ConfigurationError } from './config';
import { pseudonymSecret } from './pseudonym-secret';

/**
 * The deployment's secret key of figure perturbation (`core/disclosure/perturbation.ts`), derived from the
 * pseudonymisation secret (Secrets Manager in AWS, the key file locally) so that nothing new must be provisioned
 * and the same deployment always perturbs the same cell alike. Undefined where no secret is configured (a bare
 * nightly in a test): small counts are then hidden instead of perturbed.
 */
export const figurePerturbationKey = async (): Promise<Buffer | undefined> => {
  try {
    return createHmac('sha256', await pseudonymSecret()).update('resilience-outcomes figure perturbation v1').digest();
  } catch (error) {
    if (error instanceof ConfigurationError) return undefined;
    throw error;
  }
};
