import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadTerraformModule } from '../terraform/terraform-config.ts';
import { findTerraformExposures } from './find-terraform-exposures.ts';

/** Every directory under `root` that holds `.tf` files. */
function listModuleDirs(root: string): string[] {
  const entries = readdirSync(root, { withFileTypes: true });
  const here = entries.some((entry) => entry.name.endsWith('.tf'))
    ? [root]
    : [];

  return [
    ...here,
    ...entries
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .flatMap((entry) => listModuleDirs(join(root, entry.name))),
  ];
}

const moduleDirs = listModuleDirs('terraform');

describe('the Terraform configuration', () => {
  it('has modules to check', () => {
    // Assess
    expect(moduleDirs).toEqual(
      expect.arrayContaining(['terraform', 'terraform/modules/traffic']),
    );
  });

  it.each(moduleDirs)(
    '%s encrypts every queue, opens nothing and bounds every log',
    async (dir) => {
      // Prepare
      const module = await loadTerraformModule(dir);

      // Act
      const exposures = findTerraformExposures(module);

      // Assess
      expect(exposures).toEqual([]);
    },
  );
});

describe('findTerraformExposures', () => {
  it('names every kind of exposure it looks for', async () => {
    // Prepare
    const module = await loadTerraformModule(
      'tests/security/fixtures/exposed-terraform',
    );

    // Act
    const exposures = findTerraformExposures(module);

    // Assess
    expect(exposures.sort()).toEqual(
      [
        'aws_sqs_queue.plain lacks SQS-managed encryption',
        'aws_sqs_queue.sse_off lacks SQS-managed encryption',
        'aws_sqs_queue_policy.public allows any principal',
        'data.aws_iam_policy_document.anyone allows any principal',
        'aws_lambda_function_url.open has no authentication',
        'aws_lambda_permission.everyone opens the function',
        'aws_cloudwatch_log_group.forever may keep logs forever',
        'aws_cloudwatch_log_group.zero may keep logs forever',
        'aws_lambda_function.loud logs to a group without retention',
      ].sort(),
    );
  });
});
