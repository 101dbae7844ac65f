// biome-ignore-all lint/suspicious/noTemplateCurlyInString: expected Terraform expressions
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PIPELINE_DEFAULTS } from '../../lib/pipeline-defaults.ts';
import {
  asBodies,
  getBlock,
  getResource,
  loadTerraformModule,
  type TerraformModule,
} from './terraform-config.ts';
import {
  evaluateCondition,
  type ResolvedInput,
  resolveModuleInputs,
  type TerraformValue,
} from './terraform-expressions.ts';

const ROOT_DIR = 'terraform';
const MODULE_DIR = 'terraform/modules/traffic';

/** Module inputs that fall back to an entry of the defaults file. */
const INPUTS_FROM_DEFAULTS = {
  queue_name: 'queueName',
  dlq_name: 'deadLetterQueueName',
  max_receive_count: 'maxReceiveCount',
  visibility_timeout_seconds: 'visibilityTimeoutSeconds',
  receive_wait_time_seconds: 'receiveWaitTimeSeconds',
  message_retention_seconds: 'messageRetentionSeconds',
  dlq_message_retention_seconds: 'deadLetterRetentionSeconds',
  processor_timeout_seconds: 'processorTimeoutSeconds',
  storage_adapter: 'storageAdapter',
  batch_size: 'batchSize',
  maximum_batching_window_seconds: 'batchingWindowSeconds',
  maximum_concurrency: 'maximumConcurrency',
} as const;

const root = await loadTerraformModule(ROOT_DIR);
const module = await loadTerraformModule(MODULE_DIR);
const inputs = resolveModuleInputs(
  root.modules.traffic ?? {},
  readVariableDefaults(root),
  PIPELINE_DEFAULTS,
  ROOT_DIR,
);
const values = readValues(inputs);

describe('root configuration defaults', () => {
  it('reads the defaults file the TypeScript code imports', () => {
    // Prepare
    const expected =
      '${jsondecode(file("${path.module}/../lib/pipeline.defaults.json"))}';

    // Act
    const read = root.locals.defaults;
    const file = readFileSync(
      resolve(ROOT_DIR, '../lib/pipeline.defaults.json'),
      'utf8',
    );

    // Assess
    expect(read).toBe(expected);
    expect(JSON.parse(file)).toEqual(PIPELINE_DEFAULTS);
  });

  it.each(Object.entries(INPUTS_FROM_DEFAULTS))(
    'takes %s from %s unless its variable is set',
    (input, key) => {
      // Act
      const resolved = inputs[input];

      // Assess
      expect(resolved).toEqual({
        value: PIPELINE_DEFAULTS[key as keyof typeof PIPELINE_DEFAULTS],
        defaultsKey: key,
      });
      expect(root.variables[input]).toHaveProperty('default', null);
    },
  );

  it('takes the region from the defaults file', () => {
    // Act
    const [provider] = root.providers.aws ?? [];

    // Assess
    expect(root.locals.region).toBe(
      '${coalesce(var.region, local.defaults.region)}',
    );
    expect(root.variables.region).toHaveProperty('default', null);
    expect(provider?.region).toBe('${local.region}');
  });

  it('gives every module variable without a default a value', () => {
    // Prepare
    const required = Object.entries(module.variables)
      .filter(([, body]) => !('default' in body))
      .map(([name]) => name);

    // Act
    const unresolved = required.filter((name) => values[name] == null);

    // Assess
    expect(unresolved).toEqual([]);
  });
});

describe('traffic module preconditions with the defaults', () => {
  const queue = getResource(module, 'aws_sqs_queue', 'this');
  const [visibility] = asBodies(getBlock(queue, 'lifecycle').precondition);

  it('keep the visibility timeout at least 6 x timeout + window', () => {
    // Prepare
    const minimum =
      6 * PIPELINE_DEFAULTS.processorTimeoutSeconds +
      PIPELINE_DEFAULTS.batchingWindowSeconds;

    // Act
    const holds = evaluateCondition(String(visibility?.condition), values);

    // Assess
    expect(PIPELINE_DEFAULTS.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(
      minimum,
    );
    expect(holds).toBe(true);
  });

  it('fail the plan when the processor timeout outgrows the queue', () => {
    // Prepare
    const tooLong = { ...values, processor_timeout_seconds: 60 };

    // Act
    const holds = evaluateCondition(String(visibility?.condition), tooLong);

    // Assess
    expect(holds).toBe(false);
  });

  it('keep dead letters longer than the queue keeps messages', () => {
    // Prepare
    const dlq = getResource(module, 'aws_sqs_queue', 'dlq');
    const [retention] = asBodies(getBlock(dlq, 'lifecycle').precondition);

    // Act
    const holds = evaluateCondition(String(retention?.condition), values);

    // Assess
    expect(holds).toBe(true);
  });
});

describe('traffic module variable validations', () => {
  const validations = Object.entries(module.variables).flatMap(([name, body]) =>
    asBodies(body.validation).map((validation) => ({
      name,
      condition: String(validation.condition),
    })),
  );

  it('cover the settings a bad value would break', () => {
    // Act
    const validated = new Set(validations.map(({ name }) => name));

    // Assess
    for (const name of [
      'max_receive_count',
      'maximum_concurrency',
      'storage_adapter',
      'log_retention_days',
      'batch_size',
    ]) {
      expect(validated).toContain(name);
    }
  });

  it.each(validations)('accept the default of $name', ({ condition }) => {
    // Act
    const holds = evaluateCondition(condition, values);

    // Assess
    expect(holds).toBe(true);
  });

  it('reject a maximum concurrency below the AWS minimum of 2', () => {
    // Prepare
    const concurrency = validations.find(
      ({ name }) => name === 'maximum_concurrency',
    );

    // Act
    const holds = evaluateCondition(String(concurrency?.condition), {
      maximum_concurrency: 1,
    });

    // Assess
    expect(holds).toBe(false);
  });
});

describe('root storage_adapter validation', () => {
  const [validation] = asBodies(root.variables.storage_adapter?.validation);
  const condition = String(validation?.condition);

  it('accepts no value, mysql and cassandra', () => {
    // Act
    const accepted = [null, 'mysql', 'cassandra'].map((adapter) =>
      evaluateCondition(condition, { storage_adapter: adapter }),
    );

    // Assess
    expect(accepted).toEqual([true, true, true]);
  });

  it('rejects any other adapter', () => {
    // Act
    const holds = evaluateCondition(condition, { storage_adapter: 'redis' });

    // Assess
    expect(holds).toBe(false);
  });
});

function readVariableDefaults(
  config: TerraformModule,
): Record<string, TerraformValue> {
  return Object.fromEntries(
    Object.entries(config.variables).map(([name, body]) => [
      name,
      (body.default ?? null) as TerraformValue,
    ]),
  );
}

function readValues(
  resolved: Record<string, ResolvedInput>,
): Record<string, TerraformValue> {
  return Object.fromEntries(
    Object.entries(resolved).map(([name, input]) => [name, input.value]),
  );
}
