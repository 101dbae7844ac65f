import { describe, expect, it } from '@jest/globals';
import { loadTerraformModule } from './terraform-config.ts';
import {
  findUndeclaredUses,
  listTypesWithoutAttributeList,
} from './terraform-references.ts';

const ROOT_DIR = 'terraform';
const MODULE_DIR = 'terraform/modules/traffic';
const FIXTURES_DIR = 'tests/fixtures/terraform';

describe('loadTerraformModule', () => {
  it('parses every file of the root and the traffic module', async () => {
    // Act
    const root = await loadTerraformModule(ROOT_DIR);
    const module = await loadTerraformModule(MODULE_DIR);

    // Assess
    expect(root.files.map((file) => file.name)).toEqual([
      'main.tf',
      'outputs.tf',
      'variables.tf',
      'versions.tf',
    ]);
    expect(module.files.map((file) => file.name)).toEqual([
      'iam.tf',
      'main.tf',
      'outputs.tf',
      'variables.tf',
      'versions.tf',
    ]);
  });

  it('rejects a file with a syntax error and names it', async () => {
    // Act
    const loading = loadTerraformModule(`${FIXTURES_DIR}/syntax-error`);

    // Assess
    await expect(loading).rejects.toThrow(/main\.tf:\d+/);
  });
});

describe('findUndeclaredUses', () => {
  it('finds nothing undeclared in the root configuration', async () => {
    // Prepare
    const root = await loadTerraformModule(ROOT_DIR);

    // Act
    const problems = await findUndeclaredUses(root);

    // Assess
    expect(problems).toEqual([]);
  });

  it('finds nothing undeclared in the traffic module', async () => {
    // Prepare
    const module = await loadTerraformModule(MODULE_DIR);

    // Act
    const problems = await findUndeclaredUses(module);

    // Assess
    expect(problems).toEqual([]);
  });

  it('reports every broken reference, call and module input', async () => {
    // Prepare
    const broken = await loadTerraformModule(
      `${FIXTURES_DIR}/broken-references`,
    );

    // Act
    const problems = await findUndeclaredUses(broken);

    // Assess
    expect(problems.sort()).toEqual(
      [
        'main.tf: undeclared variable var.misspelt',
        'main.tf: undeclared local local.missing',
        'main.tf: undeclared aws_sqs_queue.other.arn',
        'main.tf: unknown attribute aws_sqs_queue.this.ulr',
        'main.tf: undeclared data.aws_iam_policy_document.absent.json',
        'main.tf: unknown function upperr()',
        'main.tf: undeclared output module.child.absent',
        'main.tf: undeclared module module.nowhere.value',
        'module.child: input unknown is not a variable',
        'module.child: required variable required not set',
      ].sort(),
    );
  });
});

describe('listTypesWithoutAttributeList', () => {
  it('knows the exported attributes of every type the module uses', async () => {
    // Prepare
    const module = await loadTerraformModule(MODULE_DIR);

    // Act
    const missing = listTypesWithoutAttributeList(module);

    // Assess
    expect(missing).toEqual([]);
  });
});
