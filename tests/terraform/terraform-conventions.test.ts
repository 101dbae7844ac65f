// biome-ignore-all lint/suspicious/noTemplateCurlyInString: expected Terraform expressions
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse as parseYaml } from 'yaml';
import {
  asBody,
  getBlock,
  listResources,
  loadTerraformModule,
} from './terraform-config.ts';
import { evaluateCondition } from './terraform-expressions.ts';

const root = await loadTerraformModule('terraform');
const traffic = await loadTerraformModule('terraform/modules/traffic');

const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const BANNER = /^#{80}\n# [A-Z].*\n#{80}$/m;

/** Provider endpoint each resource type prefix calls. */
const ENDPOINT_BY_PREFIX: [prefix: string, endpoint: string][] = [
  ['aws_sqs_', 'sqs'],
  ['aws_lambda_', 'lambda'],
  ['aws_iam_', 'iam'],
  ['aws_cloudwatch_log_', 'logs'],
  ['aws_cloudwatch_metric_alarm', 'cloudwatch'],
];

describe.each([
  ['root', root, ['main.tf', 'outputs.tf', 'variables.tf', 'versions.tf']],
  [
    'traffic',
    traffic,
    ['iam.tf', 'main.tf', 'outputs.tf', 'variables.tf', 'versions.tf'],
  ],
] as const)('%s configuration', (_label, config, files) => {
  it('types and describes every variable', () => {
    // Act
    const incomplete = Object.entries(config.variables)
      .filter(([, body]) => !isText(body.type) || !isText(body.description))
      .map(([name]) => name);

    // Assess
    expect(Object.keys(config.variables).length).toBeGreaterThan(0);
    expect(incomplete).toEqual([]);
  });

  it('describes every output', () => {
    // Act
    const undescribed = Object.entries(config.outputs)
      .filter(([, body]) => !isText(body.description))
      .map(([name]) => name);

    // Assess
    expect(Object.keys(config.outputs).length).toBeGreaterThan(0);
    expect(undescribed).toEqual([]);
  });

  it('names variables, outputs, locals, modules and resources in snake_case', () => {
    // Prepare
    const names = [
      ...Object.keys(config.variables),
      ...Object.keys(config.outputs),
      ...Object.keys(config.locals),
      ...Object.keys(config.modules),
      ...listResources(config).map(([, name]) => name),
      ...Object.values(config.data).flatMap((byName) => Object.keys(byName)),
    ];

    // Act
    const misnamed = names.filter((name) => !SNAKE_CASE.test(name));

    // Assess
    expect(misnamed).toEqual([]);
  });

  it('keeps to the main, variables, outputs and versions files', () => {
    // Act
    const names = config.files.map((file) => file.name);

    // Assess
    expect(names).toEqual(files);
  });

  it('separates the sections of its main, variables and outputs files', () => {
    // Act
    const unmarked = ['main.tf', 'variables.tf', 'outputs.tf'].filter(
      (file) => !BANNER.test(readFileSync(join(config.dir, file), 'utf8')),
    );

    // Assess
    expect(unmarked).toEqual([]);
  });
});

describe('versions', () => {
  const [rootSettings] = root.settings;
  const [moduleSettings] = traffic.settings;
  const rootAws = asBody(
    getBlock(rootSettings ?? {}, 'required_providers').aws,
  );
  const moduleAws = asBody(
    getBlock(moduleSettings ?? {}, 'required_providers').aws,
  );

  it('pin Terraform and one exact hashicorp/aws 6.x release at the root', () => {
    // Assess
    expect(rootSettings?.required_version).toBe('~> 1.14.0');
    expect(rootAws.source).toBe('hashicorp/aws');
    expect(rootAws.version).toMatch(/^6\.\d+\.\d+$/);
  });

  it('let the module accept the root pins', () => {
    // Act
    const provider = satisfies(
      String(rootAws.version),
      String(moduleAws.version),
    );
    const terraform = satisfies(
      '1.14.0',
      String(moduleSettings?.required_version),
    );

    // Assess
    expect(moduleAws.source).toBe('hashicorp/aws');
    expect(provider).toBe(true);
    expect(terraform).toBe(true);
  });

  it('accept the Terraform image compose.yaml runs', () => {
    // Prepare
    const compose = parseYaml(readFileSync('compose.yaml', 'utf8'));
    const image = String(compose.services.terraform.image);

    // Act
    const version = image.replace(/^hashicorp\/terraform:/, '');

    // Assess
    expect(satisfies(version, String(rootSettings?.required_version))).toBe(
      true,
    );
  });
});

describe('aws provider', () => {
  const [provider = {}] = root.providers.aws ?? [];
  const endpoints = getBlock(provider, 'endpoints');

  it('points every service the module calls at LocalStack when targeted', () => {
    // Prepare
    const needed = new Set(['sts']);

    for (const [type] of listResources(traffic)) {
      const match = ENDPOINT_BY_PREFIX.find(([prefix]) =>
        type.startsWith(prefix),
      );

      needed.add(match?.[1] ?? `no endpoint known for ${type}`);
    }

    // Act
    const configured = Object.entries(endpoints)
      .filter(([, value]) => value === '${local.endpoint}')
      .map(([service]) => service);

    // Assess
    expect(configured.sort()).toEqual([...needed].sort());
    expect(root.locals.endpoint).toBe(
      '${local.on_localstack ? var.localstack_endpoint : null}',
    );
    expect(root.locals.on_localstack).toBe('${var.target == "localstack"}');
  });

  it('uses test credentials and skips AWS-only checks on LocalStack only', () => {
    // Assess
    expect(provider).toMatchObject({
      access_key: '${local.on_localstack ? "test" : null}',
      secret_key: '${local.on_localstack ? "test" : null}',
      skip_credentials_validation: '${local.on_localstack}',
      skip_metadata_api_check: '${local.on_localstack}',
      skip_requesting_account_id: '${local.on_localstack}',
    });
  });

  it('targets LocalStack by default and AWS on request', () => {
    // Prepare
    const target = root.variables.target ?? {};
    const condition = String(getBlock(target, 'validation').condition);

    // Act
    const accepted = ['localstack', 'aws', 'gcp'].map((value) =>
      evaluateCondition(condition, { target: value }),
    );

    // Assess
    expect(target.default).toBe('localstack');
    expect(accepted).toEqual([true, true, false]);
  });
});

function isText(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

/** Checks a version against a Terraform constraint (`~>`, `>=`, `<`, `=`). */
function satisfies(version: string, constraint: string): boolean {
  return constraint.split(',').every((part) => {
    const [, operator = '=', bound = ''] =
      /^\s*(~>|>=|<=|>|<|=)?\s*(\S+)\s*$/.exec(part) ?? [];
    const order = compareVersions(version, bound);

    switch (operator) {
      case '~>':
        return order >= 0 && version.startsWith(pessimisticPrefix(bound));
      case '>=':
        return order >= 0;
      case '<=':
        return order <= 0;
      case '>':
        return order > 0;
      case '<':
        return order < 0;
      default:
        return order === 0;
    }
  });
}

function pessimisticPrefix(bound: string): string {
  return `${bound.split('.').slice(0, -1).join('.')}.`;
}

function compareVersions(left: string, right: string): number {
  const a = left.split('.').map(Number);
  const b = right.split('.').map(Number);

  for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);

    if (difference !== 0) return Math.sign(difference);
  }

  return 0;
}
