import { AgentConfigurationError } from './agent-errors.ts';
import { readSiteHost } from './site-host.ts';

/** What the agent reads from its environment. */
export type AgentConfig = {
  /** `TRAFFIC_QUEUE_URL`: the queue visits are sent to. */
  queueUrl: string;
  /** `SITE_HOST`: the site's hosts, comma-separated; unset to let requests name it. */
  siteHosts?: string[];
};

/**
 * Reads the agent's settings; throws {@link AgentConfigurationError} for a
 * missing queue URL or a value that cannot be read.
 *
 * The SQS endpoint is not a setting here: the SDK reads the standard AWS
 * configuration (`AWS_ENDPOINT_URL`, `AWS_REGION`) itself.
 */
export function readAgentConfig(env: NodeJS.ProcessEnv): AgentConfig {
  const queueUrl = env.TRAFFIC_QUEUE_URL?.trim();
  if (queueUrl === undefined || queueUrl === '') {
    throw new AgentConfigurationError('TRAFFIC_QUEUE_URL', 'missing');
  }
  const protocol = URL.parse(queueUrl)?.protocol;
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new AgentConfigurationError('TRAFFIC_QUEUE_URL', 'not_a_url');
  }

  const siteHosts = readSiteHosts(env.SITE_HOST);
  return siteHosts === undefined ? { queueUrl } : { queueUrl, siteHosts };
}

function readSiteHosts(value: string | undefined): string[] | undefined {
  const hosts = (value ?? '')
    .split(',')
    .map((host) => host.trim())
    .filter((host) => host !== '');
  if (hosts.length === 0) return undefined;

  for (const host of hosts) {
    const read = readSiteHost(host);
    if (typeof read !== 'string') {
      throw new AgentConfigurationError('SITE_HOST', read.rejection);
    }
  }
  return hosts;
}
