import { getExpressionAst } from '@cdktf/hcl2json';

/** A value a Terraform expression can hold in these tests. */
export type TerraformValue = string | number | boolean | null;

/**
 * Reads the object literal passed to `jsonencode(...)` as a map from key to
 * the source of its value expression.
 */
export async function readEncodedObject(
  expression: string,
): Promise<Record<string, string>> {
  const ast = await getExpressionAst('inline.tf', `"${expression}"`);
  const call = ast?.children[0];
  const object = call?.children[0];

  if (call?.type !== 'function' || call.meta.name !== 'jsonencode') {
    throw new Error(`not a jsonencode call: ${expression}`);
  }

  if (object?.type !== 'object') {
    throw new Error(`jsonencode without an object literal: ${expression}`);
  }

  return object.meta.items;
}

const ALLOWED_SOURCE =
  /^(?:\s|\d|\.|[-+*/()<>=!&|,?:[\]]|""|\bcontains\b|\bnull\b|\btrue\b|\bfalse\b)*$/;

/**
 * Evaluates a validation or precondition over known variable values.
 *
 * Only comparisons, arithmetic, logic, conditionals and `contains` are
 * understood; anything else throws instead of guessing.
 */
export function evaluateCondition(
  condition: string,
  values: Record<string, TerraformValue>,
): boolean {
  const source = unwrap(condition).replace(
    /\bvar\.([a-z0-9_]+)/g,
    (_, name) => {
      if (!(name in values)) throw new Error(`no value for var.${name}`);

      return JSON.stringify(values[name]);
    },
  );
  const shape = source.replace(/"(?:[^"\\]|\\.)*"/g, '""');

  if (!ALLOWED_SOURCE.test(shape)) {
    throw new Error(`cannot evaluate: ${condition}`);
  }

  const evaluate = new Function('contains', `return (${source});`);
  const result = evaluate((list: unknown[], value: unknown) =>
    list.includes(value),
  );

  if (typeof result !== 'boolean') {
    throw new Error(`not a condition: ${condition}`);
  }

  return result;
}

/** Strips the `${` and `}` hcl2json puts around a whole expression. */
export function unwrap(expression: string): string {
  const match = /^\$\{([\s\S]*)\}$/.exec(expression);

  if (match?.[1] === undefined)
    throw new Error(`not an expression: ${expression}`);

  return match[1];
}

/** A module input with its value and where the value came from. */
export interface ResolvedInput {
  value: TerraformValue;
  /** Key of the defaults file the value falls back to, if any. */
  defaultsKey?: string;
}

/**
 * Resolves the inputs of a module call to the values they take when the
 * caller sets no variable.
 *
 * Understands literals, `var.x`, `"${path.module}/..."` and
 * `coalesce(var.x, local.defaults.y)`; anything else throws.
 */
export function resolveModuleInputs(
  call: Record<string, unknown>,
  variableDefaults: Record<string, TerraformValue>,
  defaults: Record<string, TerraformValue>,
  moduleDir: string,
): Record<string, ResolvedInput> {
  const inputs: Record<string, ResolvedInput> = {};

  for (const [name, expression] of Object.entries(call)) {
    if (name === 'source') continue;

    inputs[name] = resolveInput(
      expression,
      variableDefaults,
      defaults,
      moduleDir,
    );
  }

  return inputs;
}

function resolveInput(
  expression: unknown,
  variableDefaults: Record<string, TerraformValue>,
  defaults: Record<string, TerraformValue>,
  moduleDir: string,
): ResolvedInput {
  if (typeof expression !== 'string') {
    return { value: expression as TerraformValue };
  }

  const fallback =
    /^\$\{coalesce\(var\.(\w+), local\.defaults\.(\w+)\)\}$/.exec(expression);

  if (fallback?.[1] !== undefined && fallback[2] !== undefined) {
    const [, variable, key] = fallback;

    if (!(key in defaults)) throw new Error(`no "${key}" in the defaults file`);

    return {
      value: readVariable(variableDefaults, variable) ?? defaults[key] ?? null,
      defaultsKey: key,
    };
  }

  const variable = /^\$\{var\.(\w+)\}$/.exec(expression)?.[1];

  if (variable !== undefined) {
    return { value: readVariable(variableDefaults, variable) };
  }

  const path = /^\$\{path\.module\}\/([^$]*)$/.exec(expression)?.[1];

  if (path !== undefined) return { value: `${moduleDir}/${path}` };

  if (!expression.includes('${')) return { value: expression };

  throw new Error(`cannot resolve: ${expression}`);
}

function readVariable(
  variableDefaults: Record<string, TerraformValue>,
  name: string,
): TerraformValue {
  if (!(name in variableDefaults)) throw new Error(`undeclared var.${name}`);

  return variableDefaults[name] ?? null;
}
