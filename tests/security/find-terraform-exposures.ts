import {
  asBodies,
  type TerraformModule,
} from '../terraform/terraform-config.ts';
import { evaluateCondition } from '../terraform/terraform-expressions.ts';

const VARIABLE = /^\$\{var\.([a-z0-9_]+)\}$/;
// `"Principal": "*"`, `Principal = "*"` or `AWS = "*"`, as JSON or HCL.
const ANY_PRINCIPAL = /"?(?:Principal|AWS)"?\s*[:=]\s*"\*"/;

/**
 * Lists what a module leaves exposed: a queue without SQS-managed
 * encryption, a policy or permission open to any principal, a function URL
 * without authentication, a log group kept forever, or a function logging
 * to a group the module does not manage. Empty when none.
 */
export function findTerraformExposures(module: TerraformModule): string[] {
  return [
    ...findUnencryptedQueues(module),
    ...findPublicAccess(module),
    ...findUnboundedLogs(module),
  ];
}

function resourcesOf(module: TerraformModule, type: string) {
  return Object.entries(module.resources[type] ?? {});
}

function findUnencryptedQueues(module: TerraformModule): string[] {
  return resourcesOf(module, 'aws_sqs_queue')
    .filter(([, queue]) => queue.sqs_managed_sse_enabled !== true)
    .map(([name]) => `aws_sqs_queue.${name} lacks SQS-managed encryption`);
}

function findPublicAccess(module: TerraformModule): string[] {
  const exposures: string[] = [];

  for (const [name, policy] of resourcesOf(module, 'aws_sqs_queue_policy')) {
    const text =
      typeof policy.policy === 'string'
        ? policy.policy
        : JSON.stringify(policy.policy);
    if (ANY_PRINCIPAL.test(text)) {
      exposures.push(`aws_sqs_queue_policy.${name} allows any principal`);
    }
  }
  for (const [name, document] of Object.entries(
    module.data.aws_iam_policy_document ?? {},
  )) {
    const open = asBodies(document.statement).some((statement) =>
      asBodies(statement.principals).some((principal) =>
        [principal.identifiers].flat().includes('*'),
      ),
    );
    if (open) {
      exposures.push(
        `data.aws_iam_policy_document.${name} allows any principal`,
      );
    }
  }
  for (const [name, url] of resourcesOf(module, 'aws_lambda_function_url')) {
    if (url.authorization_type !== 'AWS_IAM') {
      exposures.push(`aws_lambda_function_url.${name} has no authentication`);
    }
  }
  for (const [name, permission] of resourcesOf(
    module,
    'aws_lambda_permission',
  )) {
    if (
      permission.principal === '*' ||
      'function_url_auth_type' in permission
    ) {
      exposures.push(`aws_lambda_permission.${name} opens the function`);
    }
  }

  return exposures;
}

function findUnboundedLogs(module: TerraformModule): string[] {
  const groups = resourcesOf(module, 'aws_cloudwatch_log_group');
  const exposures = groups
    .filter(([, group]) => !keepsLimitedTime(module, group.retention_in_days))
    .map(([name]) => `aws_cloudwatch_log_group.${name} may keep logs forever`);

  for (const [name, fn] of resourcesOf(module, 'aws_lambda_function')) {
    const target = asBodies(fn.logging_config)[0]?.log_group;
    const managed = groups.some(
      ([group]) => target === `\${aws_cloudwatch_log_group.${group}.name}`,
    );
    if (!managed) {
      exposures.push(
        `aws_lambda_function.${name} logs to a group without retention`,
      );
    }
  }

  return exposures;
}

/**
 * True when a retention is a positive literal, or a variable whose
 * validation refuses 0, CloudWatch's "never expire".
 */
function keepsLimitedTime(module: TerraformModule, retention: unknown) {
  if (typeof retention === 'number') return retention > 0;

  const name = VARIABLE.exec(String(retention))?.[1];
  const variable = name === undefined ? undefined : module.variables[name];
  if (name === undefined || variable === undefined) return false;

  return asBodies(variable.validation).some(
    (rule) => !evaluateCondition(String(rule.condition), { [name]: 0 }),
  );
}
