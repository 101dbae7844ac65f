import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';

/** One block body as hcl2json renders it; nested blocks are arrays. */
export type Body = Record<string, unknown>;

/** One parsed `.tf` file. */
export interface TerraformFile {
  name: string;
  json: Body;
}

/** The declarations of one Terraform module, merged over its files. */
export interface TerraformModule {
  dir: string;
  files: TerraformFile[];
  variables: Record<string, Body>;
  outputs: Record<string, Body>;
  locals: Record<string, unknown>;
  modules: Record<string, Body>;
  resources: Record<string, Record<string, Body>>;
  data: Record<string, Record<string, Body>>;
  providers: Record<string, Body[]>;
  settings: Body[];
}

/** Thrown when two files declare the same name, which Terraform refuses. */
export class DuplicateDeclarationError extends Error {
  override name = 'DuplicateDeclarationError';
}

/**
 * Parses every `.tf` file of a directory and merges their declarations.
 *
 * Files are parsed one by one so a syntax error names its file.
 */
export async function loadTerraformModule(
  dir: string,
): Promise<TerraformModule> {
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.tf'))
    .sort();
  const files: TerraformFile[] = [];

  for (const name of names) {
    const json = await parse(name, readFileSync(join(dir, name), 'utf8'));
    files.push({ name, json: json as Body });
  }

  return mergeFiles(dir, files);
}

function mergeFiles(dir: string, files: TerraformFile[]): TerraformModule {
  const module: TerraformModule = {
    dir,
    files,
    variables: {},
    outputs: {},
    locals: {},
    modules: {},
    resources: {},
    data: {},
    providers: {},
    settings: [],
  };

  for (const { name, json } of files) {
    addNamed(module.variables, json.variable, `${name}: variable`);
    addNamed(module.outputs, json.output, `${name}: output`);
    addNamed(module.modules, json.module, `${name}: module`);

    for (const locals of asBodies(json.locals)) {
      addEntries(module.locals, locals, `${name}: local`);
    }

    for (const [type, byName] of Object.entries(asBody(json.resource))) {
      module.resources[type] ??= {};
      addNamed(module.resources[type], byName, `${name}: ${type}`);
    }

    for (const [type, byName] of Object.entries(asBody(json.data))) {
      module.data[type] ??= {};
      addNamed(module.data[type], byName, `${name}: data.${type}`);
    }

    for (const [provider, bodies] of Object.entries(asBody(json.provider))) {
      module.providers[provider] ??= [];
      module.providers[provider].push(...asBodies(bodies));
    }

    module.settings.push(...asBodies(json.terraform));
  }

  return module;
}

function addNamed(
  target: Record<string, Body>,
  byName: unknown,
  where: string,
) {
  for (const [name, bodies] of Object.entries(asBody(byName))) {
    const [body, ...extra] = asBodies(bodies);

    if (body === undefined || extra.length > 0 || name in target) {
      throw new DuplicateDeclarationError(`${where} "${name}" declared twice`);
    }

    target[name] = body;
  }
}

function addEntries(
  target: Record<string, unknown>,
  body: Body,
  where: string,
) {
  for (const [name, value] of Object.entries(body)) {
    if (name in target) {
      throw new DuplicateDeclarationError(`${where} "${name}" declared twice`);
    }

    target[name] = value;
  }
}

/** Reads a value as a block body, or an empty one when absent. */
export function asBody(value: unknown): Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Body)
    : {};
}

/** Reads a value as a list of block bodies, or none when absent. */
export function asBodies(value: unknown): Body[] {
  return Array.isArray(value) ? value.map(asBody) : [];
}

/** The one nested block `key` of a body; throws unless there is exactly one. */
export function getBlock(body: Body, key: string): Body {
  const blocks = asBodies(body[key]);
  const [block] = blocks;

  if (block === undefined || blocks.length !== 1) {
    throw new Error(`expected one "${key}" block, found ${blocks.length}`);
  }

  return block;
}

/** A resource of a module; throws when it is not declared. */
export function getResource(
  module: TerraformModule,
  type: string,
  name: string,
): Body {
  const body = module.resources[type]?.[name];

  if (body === undefined) throw new Error(`${type}.${name} is not declared`);

  return body;
}

/** Every resource of a module as `[type, name, body]`. */
export function listResources(
  module: TerraformModule,
): [type: string, name: string, body: Body][] {
  return Object.entries(module.resources).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, body]): [string, string, Body] => [
      type,
      name,
      body,
    ]),
  );
}
