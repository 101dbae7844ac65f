import { resolve } from 'node:path';
import {
  getExpressionAst,
  type TFExpressionSyntaxTree,
  wrapTerraformExpression,
} from '@cdktf/hcl2json';
import {
  type Body,
  listResources,
  loadTerraformModule,
  type TerraformModule,
} from './terraform-config.ts';

type ExpressionNode = TFExpressionSyntaxTree.ExpressionType;

/** What the expressions of one module refer to and call. */
export interface ExpressionUses {
  references: { file: string; path: string[] }[];
  functions: { file: string; name: string }[];
}

/** Attributes each resource type exports beyond its own arguments. */
const EXPORTED_ATTRIBUTES: Record<string, string[]> = {
  aws_cloudwatch_log_group: ['arn', 'id', 'name', 'tags_all'],
  aws_cloudwatch_metric_alarm: ['arn', 'id', 'tags_all'],
  aws_iam_role: ['arn', 'create_date', 'id', 'name', 'tags_all', 'unique_id'],
  aws_iam_role_policy: ['id'],
  aws_lambda_event_source_mapping: [
    'arn',
    'function_arn',
    'id',
    'last_modified',
    'state',
    'uuid',
  ],
  aws_lambda_function: [
    'arn',
    'code_sha256',
    'id',
    'invoke_arn',
    'qualified_arn',
    'qualified_invoke_arn',
    'tags_all',
    'version',
  ],
  aws_lambda_function_event_invoke_config: ['id'],
  aws_sqs_queue: ['arn', 'id', 'name', 'tags_all', 'url'],
  aws_sqs_queue_redrive_allow_policy: ['id'],
  'data.aws_iam_policy_document': ['id', 'json', 'minified_json'],
};

const PATH_ATTRIBUTES = ['module', 'root', 'cwd'];

/** Terraform's built-in functions (provider functions are not used). */
const BUILT_IN_FUNCTIONS = new Set(
  `abs abspath alltrue anytrue base64decode base64encode base64gzip
  base64sha256 base64sha512 basename bcrypt can ceil chomp chunklist cidrhost
  cidrnetmask cidrsubnet cidrsubnets coalesce coalescelist compact concat
  contains csvdecode dirname distinct element endswith ephemeralasnull file
  filebase64 filebase64sha256 filebase64sha512 fileexists filemd5 fileset
  filesha1 filesha256 filesha512 flatten floor format formatdate formatlist
  indent index issensitive join jsondecode jsonencode keys length log lookup
  lower matchkeys max md5 merge min nonsensitive one parseint pathexpand
  plantimestamp pow range regex regexall replace reverse rsadecrypt sensitive
  setintersection setproduct setsubtract setunion sha1 sha256 sha512 signum
  slice sort split startswith strcontains strrev substr sum templatefile
  templatestring textdecodebase64 textencodebase64 timeadd timecmp timestamp
  title tobool tolist tomap tonumber toset tostring transpose trim trimprefix
  trimspace trimsuffix try upper urlencode uuid uuidv5 values yamldecode
  yamlencode zipmap`.split(/\s+/),
);

const META_ARGUMENTS = new Set([
  'source',
  'version',
  'providers',
  'count',
  'for_each',
  'depends_on',
]);

/** Collects the references and function calls of every expression. */
export async function collectExpressionUses(
  module: TerraformModule,
): Promise<ExpressionUses> {
  const uses: ExpressionUses = { references: [], functions: [] };

  for (const file of module.files) {
    for (const expression of listExpressions(withoutTypes(file.json))) {
      const ast = await parseExpression(file.name, expression);

      if (ast !== null) walkNode(ast, new Set(), file.name, uses);
    }
  }

  return uses;
}

/**
 * Lists every reference, function, module input and module output a
 * module uses but does not declare, as readable problems.
 */
export async function findUndeclaredUses(
  module: TerraformModule,
): Promise<string[]> {
  const problems: string[] = [];
  const uses = await collectExpressionUses(module);
  const children = await loadChildModules(module);

  for (const { file, path } of uses.references) {
    const problem = checkReference(module, children, path);

    if (problem !== undefined) problems.push(`${file}: ${problem}`);
  }

  for (const { file, name } of uses.functions) {
    if (!BUILT_IN_FUNCTIONS.has(name)) {
      problems.push(`${file}: unknown function ${name}()`);
    }
  }

  for (const [name, call] of Object.entries(module.modules)) {
    const child = children[name];

    if (child !== undefined)
      problems.push(...checkModuleCall(name, call, child));
  }

  return problems;
}

async function loadChildModules(
  module: TerraformModule,
): Promise<Record<string, TerraformModule>> {
  const children: Record<string, TerraformModule> = {};

  for (const [name, call] of Object.entries(module.modules)) {
    const source = call.source;

    if (typeof source === 'string' && source.startsWith('.')) {
      children[name] = await loadTerraformModule(resolve(module.dir, source));
    }
  }

  return children;
}

function checkModuleCall(
  name: string,
  call: Body,
  child: TerraformModule,
): string[] {
  const problems: string[] = [];
  const inputs = Object.keys(call).filter((key) => !META_ARGUMENTS.has(key));

  for (const input of inputs) {
    if (!(input in child.variables)) {
      problems.push(`module.${name}: input ${input} is not a variable`);
    }
  }

  for (const [variable, body] of Object.entries(child.variables)) {
    if (!('default' in body) && !inputs.includes(variable)) {
      problems.push(`module.${name}: required variable ${variable} not set`);
    }
  }

  return problems;
}

function checkReference(
  module: TerraformModule,
  children: Record<string, TerraformModule>,
  path: string[],
): string | undefined {
  const [root = '', first, second, third] = path;
  const reference = path.join('.');

  switch (root) {
    case 'var':
      return first !== undefined && first in module.variables
        ? undefined
        : `undeclared variable ${reference}`;
    case 'local':
      return first !== undefined && first in module.locals
        ? undefined
        : `undeclared local ${reference}`;
    case 'path':
      return PATH_ATTRIBUTES.includes(first ?? '')
        ? undefined
        : `unknown ${reference}`;
    case 'module':
      return checkModuleOutput(module, children, reference, first, second);
    case 'data':
      return checkAttribute(
        module.data[first ?? '']?.[second ?? ''],
        `data.${first}`,
        third,
        reference,
      );
    case 'each':
    case 'count':
    case 'self':
    case 'terraform':
      return undefined;
    default:
      return /^[a-z][a-z0-9]*_[a-z0-9_]+$/.test(root)
        ? checkAttribute(
            module.resources[root]?.[first ?? ''],
            root,
            second,
            reference,
          )
        : `unknown reference ${reference}`;
  }
}

function checkModuleOutput(
  module: TerraformModule,
  children: Record<string, TerraformModule>,
  reference: string,
  name: string | undefined,
  output: string | undefined,
): string | undefined {
  if (name === undefined || !(name in module.modules)) {
    return `undeclared module ${reference}`;
  }

  const child = children[name];

  if (child === undefined || output === undefined) return undefined;

  return output in child.outputs ? undefined : `undeclared output ${reference}`;
}

function checkAttribute(
  body: Body | undefined,
  type: string,
  attribute: string | undefined,
  reference: string,
): string | undefined {
  if (body === undefined) return `undeclared ${reference}`;

  if (attribute === undefined || attribute in body) return undefined;

  const exported = EXPORTED_ATTRIBUTES[type];

  if (exported === undefined) return `no attribute list for ${type}`;

  return exported.includes(attribute)
    ? undefined
    : `unknown attribute ${reference}`;
}

function walkNode(
  node: ExpressionNode,
  scope: Set<string>,
  file: string,
  uses: ExpressionUses,
) {
  let inner = scope;

  if (node.type === 'scopeTraversal') {
    const path = leadingNames(node.meta.traversal);
    const [root] = path;

    if (root !== undefined && !scope.has(root)) {
      uses.references.push({ file, path });
    }
  } else if (node.type === 'function') {
    uses.functions.push({ file, name: node.meta.name });
  } else if (node.type === 'for') {
    inner = new Set([...scope, node.meta.keyVar, node.meta.valVar]);
  }

  for (const child of node.children ?? []) {
    walkNode(child, inner, file, uses);
  }
}

function leadingNames(
  parts: TFExpressionSyntaxTree.TerraformTraversalPart[],
): string[] {
  const names: string[] = [];

  for (const part of parts) {
    if (part.type !== 'nameTraversal') break;

    names.push(part.segment);
  }

  return names;
}

async function parseExpression(
  file: string,
  expression: string,
): Promise<ExpressionNode | null> {
  const quoted = expression.startsWith('"') ? expression : `"${expression}"`;

  return getExpressionAst(file, wrapTerraformExpression(quoted).wrap);
}

/** Type constraints name types, not values; they hold no references. */
function withoutTypes(json: Body): Body {
  const variables = json.variable;

  if (typeof variables !== 'object' || variables === null) return json;

  const stripped = Object.fromEntries(
    Object.entries(variables).map(([name, bodies]) => [
      name,
      (bodies as Body[]).map(({ type: _type, ...rest }) => rest),
    ]),
  );

  return { ...json, variable: stripped };
}

function listExpressions(value: unknown): string[] {
  if (typeof value === 'string') return value.includes('${') ? [value] : [];

  if (Array.isArray(value)) return value.flatMap(listExpressions);

  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => [
      ...listExpressions(key),
      ...listExpressions(item),
    ]);
  }

  return [];
}

/** Every resource type a module uses must have an attribute list here. */
export function listTypesWithoutAttributeList(
  module: TerraformModule,
): string[] {
  const types = [
    ...listResources(module).map(([type]) => type),
    ...Object.keys(module.data).map((type) => `data.${type}`),
  ];

  return [...new Set(types)].filter((type) => !(type in EXPORTED_ATTRIBUTES));
}
