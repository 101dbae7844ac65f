// biome-ignore-all lint/suspicious/noTemplateCurlyInString: expected Terraform expressions
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { unzipSync } from 'fflate';
import {
  getBlock,
  getResource,
  listResources,
  loadTerraformModule,
} from './terraform-config.ts';
import { readEncodedObject } from './terraform-expressions.ts';

const root = await loadTerraformModule('terraform');
const module = await loadTerraformModule('terraform/modules/traffic');

const FUNCTIONS = {
  processor: 'traffic-processor',
  agent: 'traffic-agent',
} as const;

describe('traffic queue', () => {
  const queue = getResource(module, 'aws_sqs_queue', 'this');

  it('redrives to the DLQ after max_receive_count receives', async () => {
    // Act
    const redrive = await readEncodedObject(String(queue.redrive_policy));

    // Assess
    expect(redrive).toEqual({
      deadLetterTargetArn: 'aws_sqs_queue.dlq.arn',
      maxReceiveCount: 'var.max_receive_count',
    });
  });

  it('takes its timeouts and retention from variables', () => {
    // Assess
    expect(queue).toMatchObject({
      name: '${var.queue_name}',
      visibility_timeout_seconds: '${var.visibility_timeout_seconds}',
      receive_wait_time_seconds: '${var.receive_wait_time_seconds}',
      message_retention_seconds: '${var.message_retention_seconds}',
    });
  });

  it('lets only the traffic queue redrive into the DLQ', async () => {
    // Prepare
    const allow = getResource(
      module,
      'aws_sqs_queue_redrive_allow_policy',
      'dlq',
    );

    // Act
    const policy = await readEncodedObject(String(allow.redrive_allow_policy));

    // Assess
    expect(allow.queue_url).toBe('${aws_sqs_queue.dlq.url}');
    expect(policy).toEqual({
      redrivePermission: '"byQueue"',
      sourceQueueArns: '[aws_sqs_queue.this.arn]',
    });
  });
});

describe('every queue', () => {
  const queues = listResources(module).filter(
    ([type]) => type === 'aws_sqs_queue',
  );

  it('covers the traffic queue and both dead-letter queues', () => {
    // Act
    const names = queues.map(([, name]) => name).sort();

    // Assess
    expect(names).toEqual(['agent_dlq', 'dlq', 'this']);
  });

  it('is encrypted with SQS-managed keys', () => {
    // Act
    const unencrypted = queues.filter(
      ([, , body]) => body.sqs_managed_sse_enabled !== true,
    );

    // Assess
    expect(unencrypted).toEqual([]);
  });

  it('has no queue policy that could grant public access', () => {
    // Act
    const policies = [...listResources(module), ...listResources(root)].filter(
      ([type]) => type === 'aws_sqs_queue_policy',
    );

    // Assess
    expect(policies).toEqual([]);
  });
});

describe('event source mapping', () => {
  const mapping = getResource(
    module,
    'aws_lambda_event_source_mapping',
    'this',
  );

  it('feeds the traffic queue to the processor with partial batch failures', () => {
    // Assess
    expect(mapping).toMatchObject({
      event_source_arn: '${aws_sqs_queue.this.arn}',
      function_name: '${aws_lambda_function.processor.arn}',
      function_response_types: ['ReportBatchItemFailures'],
    });
  });

  it('takes batching, concurrency and the switch from variables', () => {
    // Act
    const scaling = getBlock(mapping, 'scaling_config');

    // Assess
    expect(mapping).toMatchObject({
      batch_size: '${var.batch_size}',
      maximum_batching_window_in_seconds:
        '${var.maximum_batching_window_seconds}',
      enabled: '${var.processor_enabled}',
    });
    expect(scaling.maximum_concurrency).toBe('${var.maximum_concurrency}');
  });

  it('waits for the processor role to allow reading the queue', () => {
    // Assess
    expect(mapping.depends_on).toContain('${aws_iam_role_policy.processor}');
  });
});

describe.each(Object.entries(FUNCTIONS))('%s function', (role, bundle) => {
  const fn = getResource(module, 'aws_lambda_function', role);
  const zipInput = root.modules.traffic?.[`${role}_zip_path`];

  it('runs the built bundle on nodejs24.x', () => {
    // Assess
    expect(resolveLocal(fn.runtime)).toBe('nodejs24.x');
    expect(resolveLocal(fn.handler)).toBe('index.handler');
    expect(fn.filename).toBe(`\${var.${role}_zip_path}`);
    expect(fn.source_code_hash).toBe(
      `\${filebase64sha256(var.${role}_zip_path)}`,
    );
    expect(zipInput).toBe(`\${path.module}/../dist/${bundle}.zip`);
  });

  it('has a zip the build produced, exporting the handler', () => {
    // Prepare
    const path = `dist/${bundle}.zip`;

    // Act
    const entries = existsSync(path) ? unzipSync(readFileSync(path)) : {};
    const code = new TextDecoder().decode(entries['index.mjs']);

    // Assess
    expect(Object.keys(entries)).toContain('index.mjs');
    expect(code).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
  });

  it('takes memory and timeout from variables', () => {
    // Assess
    expect(fn.memory_size).toBe(`\${var.${role}_memory_size_mb}`);
    expect(fn.timeout).toBe(`\${var.${role}_timeout_seconds}`);
  });

  it('logs JSON to its own log group, created first, with retention', () => {
    // Prepare
    const group = getResource(module, 'aws_cloudwatch_log_group', role);

    // Act
    const logging = getBlock(fn, 'logging_config');

    // Assess
    expect(logging.log_format).toBe('JSON');
    expect(logging.log_group).toBe(`\${aws_cloudwatch_log_group.${role}.name}`);
    expect(fn.depends_on).toContain(`\${aws_cloudwatch_log_group.${role}}`);
    expect(group.name).toBe(`/aws/lambda/\${var.${role}_function_name}`);
    expect(fn.function_name).toBe(`\${var.${role}_function_name}`);
  });

  it('enables source maps and never hard-codes an AWS endpoint', () => {
    // Act
    const text = JSON.stringify(getBlock(fn, 'environment').variables);

    // Assess
    expect(text).toMatch(/NODE_OPTIONS\W+--enable-source-maps\W/);
    expect(text).toMatch(/LOG_LEVEL\W+var\.log_level\b/);
    expect(text).not.toMatch(/ENDPOINT|localhost|localstack|:4566/i);
  });
});

describe('processor function', () => {
  const fn = getResource(module, 'aws_lambda_function', 'processor');
  const variables = String(getBlock(fn, 'environment').variables);

  it('chooses its storage adapter from a variable', () => {
    // Assess
    expect(variables).toContain('STORAGE_ADAPTER = var.storage_adapter');
  });

  it('sets IP_ADDRESS_STORAGE only when given', () => {
    // Assess
    expect(variables).toContain(
      '{ for name, value in { IP_ADDRESS_STORAGE = var.ip_address_storage } ' +
        ': name => value if value != null }',
    );
  });
});

describe('agent function', () => {
  const fn = getResource(module, 'aws_lambda_function', 'agent');

  it('gets the traffic queue URL and sets SITE_HOST only when given', () => {
    // Act
    const variables = String(getBlock(fn, 'environment').variables);

    // Assess
    expect(variables).toContain('TRAFFIC_QUEUE_URL = aws_sqs_queue.this.url');
    expect(variables).toMatch(
      /\{ for name, value in \{ SITE_HOST = var\.site_host \} : name => value if value != null \}/,
    );
  });

  it('sends failed asynchronous invocations to its own DLQ', () => {
    // Prepare
    const config = getResource(
      module,
      'aws_lambda_function_event_invoke_config',
      'agent',
    );

    // Act
    const onFailure = getBlock(
      getBlock(config, 'destination_config'),
      'on_failure',
    );

    // Assess
    expect(config.function_name).toBe(
      '${aws_lambda_function.agent.function_name}',
    );
    expect(onFailure.destination).toBe('${aws_sqs_queue.agent_dlq.arn}');
  });
});

describe('log groups', () => {
  it('all keep logs for log_retention_days', () => {
    // Act
    const retention = listResources(module)
      .filter(([type]) => type === 'aws_cloudwatch_log_group')
      .map(([, name, body]) => [name, body.retention_in_days])
      .sort();

    // Assess
    expect(retention).toEqual([
      ['agent', '${var.log_retention_days}'],
      ['processor', '${var.log_retention_days}'],
    ]);
  });
});

describe.each(['dlq', 'agent_dlq'])('alarm on %s', (queue) => {
  it('fires as soon as one message is visible', () => {
    // Act
    const alarm = getResource(module, 'aws_cloudwatch_metric_alarm', queue);

    // Assess
    expect(alarm).toMatchObject({
      namespace: 'AWS/SQS',
      metric_name: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: `\${aws_sqs_queue.${queue}.name}` },
      comparison_operator: 'GreaterThanThreshold',
      threshold: 0,
      alarm_actions: '${var.alarm_actions}',
    });
  });
});

/** Resolves `${local.name}` to the module's literal local value. */
function resolveLocal(expression: unknown): unknown {
  const name = /^\$\{local\.(\w+)\}$/.exec(String(expression))?.[1];

  return name === undefined ? expression : module.locals[name];
}
