// biome-ignore-all lint/suspicious/noTemplateCurlyInString: expected Terraform expressions
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import {
  getBlock,
  loadTerraformModule,
} from '../terraform/terraform-config.ts';

interface Service {
  image: string;
  profiles?: string[];
  ports?: string[];
  volumes?: string[];
  working_dir?: string;
  environment?: Record<string, string | null>;
}

interface Compose {
  services: Record<string, Service>;
  networks: { default: { name: string } };
}

const compose = parse(readFileSync('compose.yaml', 'utf8')) as Compose;
const { localstack, builder, terraform, aws } = compose.services;
const TOOLS = ['builder', 'terraform', 'aws'];
const LOCALSTACK_URL = 'http://localstack:4566';

describe('compose.yaml images', () => {
  it.each(Object.entries(compose.services))(
    'pins %s to an exact version',
    (_name, service) => {
      // Act
      const image = resolveDefault(service.image);

      // Assess
      expect(image).toMatch(/^[a-z0-9./-]+:\d+\.\d+\.\d+(?:-[a-z0-9.-]+)?$/);
      expect(image).not.toMatch(/latest/);
    },
  );

  it('runs LocalStack 4.14.0 unless LOCALSTACK_IMAGE overrides it', () => {
    // Assess
    expect(localstack?.image).toBe(
      '${LOCALSTACK_IMAGE:-localstack/localstack:4.14.0}',
    );
  });

  it('builds on the Node major the project runs on', () => {
    // Prepare
    const manifest = JSON.parse(readFileSync('package.json', 'utf8'));

    // Act
    const major = /^node:(\d+)\./.exec(builder?.image ?? '')?.[1];

    // Assess
    expect(major).toBe('24');
    expect(manifest.devDependencies.node).toMatch(/^24\./);
  });
});

describe('compose.yaml LocalStack service', () => {
  it('passes LOCALSTACK_AUTH_TOKEN through from the host', () => {
    // Assess
    expect(localstack?.environment?.LOCALSTACK_AUTH_TOKEN).toBe(
      '${LOCALSTACK_AUTH_TOKEN:-}',
    );
  });

  it('listens on 127.0.0.1:4566 only', () => {
    // Act
    const ports = Object.values(compose.services).flatMap(
      (service) => service.ports ?? [],
    );

    // Assess
    expect(ports).toEqual(['127.0.0.1:4566:4566']);
  });

  it('mounts the Docker socket and puts Lambdas on its network', () => {
    // Assess
    expect(localstack?.volumes).toContain(
      '/var/run/docker.sock:/var/run/docker.sock',
    );
    expect(localstack?.environment?.LAMBDA_DOCKER_NETWORK).toBe(
      compose.networks.default.name,
    );
  });

  it('starts every service the Terraform provider points at it', async () => {
    // Prepare
    const root = await loadTerraformModule('terraform');
    const [provider = {}] = root.providers.aws ?? [];

    // Act
    const started = String(localstack?.environment?.SERVICES).split(',');

    // Assess
    expect(started.sort()).toEqual(
      Object.keys(getBlock(provider, 'endpoints')).sort(),
    );
  });
});

describe('compose.yaml tools', () => {
  it('run only when asked for, under the tools profile', () => {
    // Act
    const profiled = Object.entries(compose.services)
      .filter(([, service]) => service.profiles?.includes('tools'))
      .map(([name]) => name);

    // Assess
    expect(profiled).toEqual(TOOLS);
    expect(localstack?.profiles).toBeUndefined();
  });

  it('reach LocalStack by service name', () => {
    // Assess
    expect(terraform?.environment?.TF_VAR_localstack_endpoint).toBe(
      LOCALSTACK_URL,
    );
    expect(aws?.environment?.AWS_ENDPOINT_URL).toBe(LOCALSTACK_URL);
  });

  it('give the AWS CLI the test credentials', () => {
    // Assess
    expect(aws?.environment).toMatchObject({
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    });
  });

  it('let Terraform read the defaults file and the zips', () => {
    // Assess
    expect(terraform?.volumes).toContain('.:/workspace');
    expect(terraform?.working_dir).toBe('/workspace/terraform');
  });

  it('keep the host node_modules out of the build container', () => {
    // Assess
    expect(builder?.volumes).toEqual([
      '.:/workspace',
      'builder-node-modules:/workspace/node_modules',
    ]);
  });
});

/** Reads the default of `${NAME:-default}`, or the text itself. */
function resolveDefault(value: string): string {
  return /^\$\{\w+:-(.+)\}$/.exec(value)?.[1] ?? value;
}
