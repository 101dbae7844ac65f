import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PIPELINE_DEFAULTS } from '../../lib/pipeline-defaults.ts';
import { loadTerraformModule } from '../terraform/terraform-config.ts';

const MAKEFILE = readFileSync('Makefile', 'utf8');

const REQUIRED_TARGETS = [
  'help',
  'install',
  'build',
  'test',
  'demo',
  'lint',
  'typecheck',
  'dev',
  'nodev',
  'create-traffic-direct',
  'create-traffic-referrer',
  'deploy-traffic-agent-lambda',
  'deploy-traffic-processor-lambda',
  'start-traffic-processor',
  'stop-traffic-processor',
  'logs',
  'dlq-peek',
  'dlq-redrive',
];

const DOCKER_TARGETS = [...REQUIRED_TARGETS.slice(7), 'terraform-check'];

describe('Makefile', () => {
  it('lists every required target with a description by default', () => {
    // Act
    const help = runMake([]);

    // Assess
    for (const target of REQUIRED_TARGETS) {
      expect(help).toMatch(new RegExp(`^ {2}${target} +\\S.+$`, 'm'));
    }
  });

  it('builds the agent, then updates its code, never in the background', () => {
    // Prepare
    const recipe = readRecipe('deploy-traffic-agent-lambda');

    // Act
    const lines = dryRun('deploy-traffic-agent-lambda');
    const build = lines.findIndex((line) => line.includes('run --rm builder'));
    const update = lines.findIndex((line) =>
      line.includes('update-function-code'),
    );

    // Assess
    expect(recipe.replaceAll('&&', '')).not.toContain('&');
    expect(build).toBeGreaterThanOrEqual(0);
    expect(update).toBeGreaterThan(build);
    expect(lines.join('\n')).toContain('fileb://dist/traffic-agent.zip');
  });

  it('deploys the processor zip the same way', () => {
    // Act
    const text = dryRun('deploy-traffic-processor-lambda').join('\n');

    // Assess
    expect(text.indexOf('run --rm builder')).toBeLessThan(
      text.indexOf('update-function-code'),
    );
    expect(text).toContain('fileb://dist/traffic-processor.zip');
    expect(readRecipe('deploy-traffic-processor-lambda')).not.toMatch(
      /[^&]&[^&]/,
    );
  });

  it('starts LocalStack, builds, deploys and prints the outputs in order', () => {
    // Act
    const lines = dryRun('dev');
    const steps = [
      'up --detach --wait localstack',
      'run --rm builder',
      'terraform init',
      'terraform apply',
      'terraform output',
    ].map((step) => lines.findIndex((line) => line.includes(step)));

    // Assess
    expect(steps).not.toContain(-1);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
  });

  it('destroys the deployment before stopping LocalStack', () => {
    // Act
    const text = dryRun('nodev').join('\n');

    // Assess
    expect(text).toContain('terraform destroy');
    expect(text.indexOf('terraform destroy')).toBeLessThan(
      text.indexOf('docker compose down'),
    );
  });

  it.each([
    [
      'create-traffic-direct',
      `'{"queryStringParameters":{"type":"direct","ip":"127.0.0.1"}}'`,
    ],
    [
      'create-traffic-referrer',
      `'{"queryStringParameters":{"type":"referrer","url":"test.com"}}'`,
    ],
  ])('%s invokes the agent with its payload', (target, payload) => {
    // Act
    const text = dryRun(target).join('\n');

    // Assess
    expect(text).toContain(`AWS_REGION=${PIPELINE_DEFAULTS.region}`);
    expect(text).toContain('lambda invoke');
    expect(text).toContain('output -raw agent_function_name');
    expect(text).toContain(`--payload ${payload}`);
  });

  it.each([
    ['start-traffic-processor', '--enabled'],
    ['stop-traffic-processor', '--no-enabled'],
  ])('%s switches the event source mapping with %s', (target, flag) => {
    // Act
    const text = dryRun(target).join('\n');

    // Assess
    expect(text).toContain('lambda update-event-source-mapping');
    expect(text).toContain('output -raw event_source_mapping_uuid');
    expect(text).toMatch(new RegExp(`${flag}$`, 'm'));
  });

  it('tails the processor log group', () => {
    // Act
    const text = dryRun('logs').join('\n');

    // Assess
    expect(text).toContain('logs tail');
    expect(text).toContain('output -raw processor_log_group_name');
  });

  it('peeks at the DLQ without hiding messages and redrives it', () => {
    // Act
    const peek = dryRun('dlq-peek').join('\n');
    const redrive = dryRun('dlq-redrive').join('\n');

    // Assess
    expect(peek).toContain('sqs receive-message');
    expect(peek).toContain('--visibility-timeout 0');
    expect(peek).toContain('output -raw dlq_url');
    expect(redrive).toContain('sqs start-message-move-task');
    expect(redrive).toContain('output -raw dlq_arn');
  });

  it('reads only outputs the Terraform root declares', async () => {
    // Prepare
    const root = await loadTerraformModule('terraform');

    // Act
    const used = [...MAKEFILE.matchAll(/\$\(OUTPUT\) (\w+)/g)].map(
      ([, name]) => name ?? '',
    );

    // Assess
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((name) => !(name in root.outputs))).toEqual([]);
  });

  it.each(DOCKER_TARGETS)('runs %s through docker compose', (target) => {
    // Act
    const docker = dryRun(target).filter((line) => /\bdocker\b/.test(line));

    // Assess
    expect(docker.length).toBeGreaterThan(0);
    expect(docker.filter((line) => !line.includes('docker compose'))).toEqual(
      [],
    );
  });

  it.each([
    ['test', 'npm test'],
    ['demo', 'npm run build && npm run traffic -- demo'],
  ])('runs %s with npm alone, no Docker', (target, command) => {
    // Act
    const lines = dryRun(target);

    // Assess
    expect(lines).toContain(command);
    expect(lines.join('\n')).not.toContain('docker');
  });
});

describe('Makefile demo', () => {
  it('passes DEMO_ARGS on to traffic demo', () => {
    // Act
    const lines = runMake(['--dry-run', 'demo', 'DEMO_ARGS=--verbose --json'])
      .split('\n')
      .map((line) => line.trim());

    // Assess
    expect(lines).toContain(
      'npm run build && npm run traffic -- demo --verbose --json',
    );
  });

  it('names DEMO_ARGS in its help line', () => {
    // Act
    const help = runMake([]);

    // Assess
    expect(help).toMatch(/^ {2}demo +.*DEMO_ARGS=--verbose/m);
  });
});

describe('Makefile install', () => {
  let dir = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'traffic-make-'));
    mkdirSync(join(dir, 'lib'));
    copyFileSync('Makefile', join(dir, 'Makefile'));
    copyFileSync(
      'lib/pipeline.defaults.json',
      join(dir, 'lib/pipeline.defaults.json'),
    );
    writeFileSync(join(dir, 'package-lock.json'), '{}');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs npm ci when node_modules is missing', () => {
    // Act
    const lines = dryRun('install', dir);

    // Assess
    expect(lines).toContain('npm ci');
  });

  it('skips npm ci while node_modules is newer than the lock file', () => {
    // Prepare
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    writeFileSync(join(dir, 'node_modules/.package-lock.json'), '{}');
    setModified(join(dir, 'package-lock.json'), 1_000);
    setModified(join(dir, 'node_modules/.package-lock.json'), 2_000);

    // Act
    const lines = dryRun('install', dir);

    // Assess
    expect(lines).not.toContain('npm ci');
  });

  it('runs npm ci again once the lock file changes', () => {
    // Prepare
    setModified(join(dir, 'package-lock.json'), 3_000);

    // Act
    const lines = dryRun('install', dir);

    // Assess
    expect(lines).toContain('npm ci');
  });
});

/** Prints what `make <target>` would run, one command line per entry. */
function dryRun(target: string, cwd = '.'): string[] {
  return runMake(['--dry-run', target], cwd)
    .replaceAll('\\\n\t', '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

function runMake(args: string[], cwd = '.'): string {
  const {
    MAKEFLAGS: _flags,
    MAKELEVEL: _level,
    MFLAGS: _mflags,
    ...env
  } = process.env;

  return execFileSync('make', ['--no-print-directory', ...args], {
    cwd,
    env,
    encoding: 'utf8',
  });
}

/** The recipe lines of one target, as written in the Makefile. */
function readRecipe(target: string): string {
  const start = MAKEFILE.indexOf(`\n${target}:`);
  const end = MAKEFILE.indexOf('\n\n', start + 1);

  if (start < 0) throw new Error(`no ${target} target`);

  return MAKEFILE.slice(start, end < 0 ? undefined : end);
}

function setModified(path: string, seconds: number) {
  utimesSync(path, seconds, seconds);
}
