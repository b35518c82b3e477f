import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { afterAll, describe, expect, it } from 'vitest';
import { createOutcomesApp } from '../../infra/outcomes-app';

const outdir = mkdtempSync(join(tmpdir(), 'outcomes-nag-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('cdk-nag', () => {
  it('synthesises the app with the AwsSolutions and HIPAA Security packs and no unacknowledged finding', () => {
    // Prepare
    const { app } = createOutcomesApp({ outdir, context: { bundling: 'false' } });

    // Act: synthesis runs the registered packs and throws on any error-level finding.
    app.synth();
    const findings = [new AwsSolutionsChecks(app), new HIPAASecurityChecks(app)].flatMap((pack) =>
      pack
        .validateScope(app)
        .violations.map((violation) => `${violation.severity} ${violation.ruleName} at ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`),
    );

    // Assess: warnings count too.
    expect(findings).toEqual([]);
  });
});
