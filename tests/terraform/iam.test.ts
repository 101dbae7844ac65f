// biome-ignore-all lint/suspicious/noTemplateCurlyInString: expected Terraform expressions
import { describe, expect, it } from '@jest/globals';
import {
  asBodies,
  type Body,
  getBlock,
  getResource,
  listResources,
  loadTerraformModule,
} from './terraform-config.ts';

const module = await loadTerraformModule('terraform/modules/traffic');
const documents = module.data.aws_iam_policy_document ?? {};

/** A policy statement reduced to what it allows. */
interface Grant {
  sid: unknown;
  actions: unknown;
  resources: unknown;
}

describe('processor role', () => {
  it('may consume the traffic queue and write its own logs, nothing more', () => {
    // Act
    const grants = readGrants(documents.processor);

    // Assess
    expect(grants).toEqual([
      {
        sid: 'ConsumeTrafficQueue',
        actions: [
          'sqs:ChangeMessageVisibility',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:ReceiveMessage',
        ],
        resources: ['${aws_sqs_queue.this.arn}'],
      },
      {
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: ['${aws_cloudwatch_log_group.processor.arn}:*'],
      },
    ]);
  });
});

describe('agent role', () => {
  it('may send to the traffic queue and its DLQ and write its own logs', () => {
    // Act
    const grants = readGrants(documents.agent);

    // Assess
    expect(grants).toEqual([
      {
        sid: 'SendVisits',
        actions: ['sqs:SendMessage'],
        resources: ['${aws_sqs_queue.this.arn}'],
      },
      {
        sid: 'ReportFailedInvocations',
        actions: ['sqs:SendMessage'],
        resources: ['${aws_sqs_queue.agent_dlq.arn}'],
      },
      {
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: ['${aws_cloudwatch_log_group.agent.arn}:*'],
      },
    ]);
  });
});

describe.each(['processor', 'agent'])('%s wiring', (role) => {
  it('attaches its own policy to its own role, used by its function', () => {
    // Act
    const policy = getResource(module, 'aws_iam_role_policy', role);
    const iamRole = getResource(module, 'aws_iam_role', role);
    const fn = getResource(module, 'aws_lambda_function', role);

    // Assess
    expect(policy.role).toBe(`\${aws_iam_role.${role}.id}`);
    expect(policy.policy).toBe(`\${data.aws_iam_policy_document.${role}.json}`);
    expect(iamRole.assume_role_policy).toBe(
      '${data.aws_iam_policy_document.lambda_assume_role.json}',
    );
    expect(fn.role).toBe(`\${aws_iam_role.${role}.arn}`);
  });
});

describe('every policy document', () => {
  const statements = Object.values(documents).flatMap((document) =>
    asBodies(document.statement),
  );
  const permissions = ['processor', 'agent'].flatMap((role) =>
    asBodies(documents[role]?.statement),
  );

  it('names its actions without wildcards', () => {
    // Act
    const wildcards = statements
      .flatMap((statement) => toStrings(statement.actions))
      .filter((action) => action.includes('*'));

    // Assess
    expect(wildcards).toEqual([]);
  });

  it('uses plain allow statements only', () => {
    // Act
    const inverted = statements.filter(
      (statement) =>
        'not_actions' in statement ||
        'not_resources' in statement ||
        'effect' in statement,
    );

    // Assess
    expect(inverted).toEqual([]);
  });

  it('scopes resources to declared ARNs, log streams being the only suffix', () => {
    // Act
    const loose = permissions
      .flatMap((statement) => toStrings(statement.resources))
      .filter(
        (resource) =>
          !/^\$\{aws_[a-z_]+\.[a-z_]+\.arn\}$/.test(resource) &&
          !/^\$\{aws_cloudwatch_log_group\.[a-z_]+\.arn\}:\*$/.test(resource),
      );

    // Assess
    expect(loose).toEqual([]);
  });

  it('lets only the Lambda service assume the roles', () => {
    // Act
    const principals = getBlock(
      getBlock(documents.lambda_assume_role ?? {}, 'statement'),
      'principals',
    );

    // Assess
    expect(principals).toEqual({
      type: 'Service',
      identifiers: ['lambda.amazonaws.com'],
    });
  });
});

describe('roles', () => {
  it('get no managed policy with broader rights', () => {
    // Act
    const attachments = listResources(module).filter(([type]) =>
      /policy_attachment/.test(type),
    );

    // Assess
    expect(attachments).toEqual([]);
  });
});

function readGrants(document: Body | undefined): Grant[] {
  return asBodies(document?.statement).map((statement) => ({
    sid: statement.sid,
    actions: toStrings(statement.actions).sort(),
    resources: statement.resources,
  }));
}

function toStrings(value: unknown): string[] {
  if (value === undefined) return ['(none)'];

  return Array.isArray(value) ? value.map(String) : [String(value)];
}
