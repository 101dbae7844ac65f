import { describe, expect, it } from '@jest/globals';
import { readAgentConfig } from '../../lib/agent/agent-config.ts';
import { AgentConfigurationError } from '../../lib/agent/agent-errors.ts';

const QUEUE_URL =
  'http://sqs.us-east-1.localhost.localstack.cloud:4566/000000000000/traffic-queue';

describe('readAgentConfig', () => {
  it('reads the queue URL alone', () => {
    // Act
    const config = readAgentConfig({ TRAFFIC_QUEUE_URL: QUEUE_URL });

    // Assess
    expect(config).toEqual({ queueUrl: QUEUE_URL });
  });

  it('reads a comma-separated list of site hosts', () => {
    // Act
    const config = readAgentConfig({
      TRAFFIC_QUEUE_URL: QUEUE_URL,
      SITE_HOST: ' example.com, https://www.example.org/ ,',
    });

    // Assess
    expect(config.siteHosts).toEqual([
      'example.com',
      'https://www.example.org/',
    ]);
  });

  it('treats an empty site setting as unset', () => {
    // Act
    const config = readAgentConfig({
      TRAFFIC_QUEUE_URL: QUEUE_URL,
      SITE_HOST: ' ',
    });

    // Assess
    expect(config).toEqual({ queueUrl: QUEUE_URL });
  });

  it.each([
    [{}, 'TRAFFIC_QUEUE_URL', 'missing'],
    [{ TRAFFIC_QUEUE_URL: '  ' }, 'TRAFFIC_QUEUE_URL', 'missing'],
    [{ TRAFFIC_QUEUE_URL: 'traffic-queue' }, 'TRAFFIC_QUEUE_URL', 'not_a_url'],
    [
      { TRAFFIC_QUEUE_URL: QUEUE_URL, SITE_HOST: 'ftp://example.com' },
      'SITE_HOST',
      'unsupported_scheme',
    ],
  ])('refuses %j', (env, setting, reason) => {
    // Act
    const read = () => readAgentConfig(env);

    // Assess
    expect(read).toThrow(AgentConfigurationError);
    expect(read).toThrow(expect.objectContaining({ setting, reason }));
  });
});
