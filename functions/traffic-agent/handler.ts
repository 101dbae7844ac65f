import type { SQSClient } from '@aws-sdk/client-sqs';
import {
  type AgentConfig,
  readAgentConfig,
} from '../../lib/agent/agent-config.ts';
import { createAgentHandler } from '../../lib/agent/create-agent-handler.ts';
import { createAgentSqsClient } from '../../lib/agent/create-agent-sqs-client.ts';
import { createLogger, logLevelFromEnv } from '../../lib/logger.ts';

const logger = createLogger({
  service: 'traffic-agent',
  level: logLevelFromEnv(),
});

// One client and one reading of the settings per container.
let client: SQSClient | undefined;
let config: AgentConfig | undefined;

/** Lambda entry point: direct invocations, function URLs and HTTP APIs. */
export const handler = createAgentHandler({
  logger,
  resolveClient: () => {
    client ??= createAgentSqsClient();
    return client;
  },
  resolveConfig: () => {
    config ??= readAgentConfig(process.env);
    return config;
  },
});
