import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import type { Logger } from '../logger.ts';
import type { AgentConfig } from './agent-config.ts';
import {
  type AgentResponse,
  respondEnqueued,
  respondInvalid,
  respondNotAVisit,
} from './agent-response.ts';
import { buildVisitMessage } from './build-visit-message.ts';
import { readAgentEvent } from './read-agent-event.ts';
import { sendVisit } from './send-visit.ts';

export type AgentHandler = (
  event: unknown,
  context?: Pick<Context, 'awsRequestId'>,
) => Promise<AgentResponse>;

export interface AgentOptions {
  logger: Logger;
  /** Called on each invocation; expected to build the client once. */
  resolveClient: () => SQSClient;
  /** Called on each invocation; may throw a configuration error. */
  resolveConfig: () => AgentConfig;
  now?: () => number;
}

/**
 * Builds the agent's Lambda handler: reads the request, decides the visit
 * and enqueues it.
 *
 * Answers 202 with the message id, 204 for internal navigation and 400 for
 * a bad request. A configuration or queue failure is logged and thrown, so
 * the invocation fails and an asynchronous caller retries. Logs name fields
 * and reasons, never a submitted value, and for a referrer visit only the
 * normalized host.
 */
export function createAgentHandler({
  logger,
  resolveClient,
  resolveConfig,
  now = Date.now,
}: AgentOptions): AgentHandler {
  return async (event, context) => {
    const log = logger.child({ requestId: context?.awsRequestId });

    let config: AgentConfig;
    try {
      config = resolveConfig();
    } catch (error) {
      log.error('invocation failed', { error });
      throw error;
    }

    const read = readAgentEvent(event, { now, site: config.siteHosts });
    const { source } = read;
    if ('reason' in read) {
      log.warn('visit rejected', {
        source,
        field: read.field,
        reason: read.reason,
      });
      return respondInvalid(read.field, read.reason);
    }

    const decided = buildVisitMessage(read.request, { now });
    if (decided.outcome === 'invalid') {
      const { field, reason } = decided;
      log.warn('visit rejected', { source, field, reason });
      return respondInvalid(field, reason);
    }
    if (decided.outcome === 'same_site') {
      log.info('visit skipped', { source, reason: 'same_site' });
      return respondNotAVisit();
    }

    const { message } = decided;
    const host =
      message.url === undefined ? undefined : new URL(message.url).host;
    try {
      const messageId = await sendVisit(
        resolveClient(),
        config.queueUrl,
        message,
        {
          now,
        },
      );
      log.info('visit enqueued', {
        source,
        type: message.type,
        host,
        messageId,
      });
      return respondEnqueued(messageId);
    } catch (error) {
      log.error('enqueue failed', { source, type: message.type, host, error });
      throw error;
    }
  };
}
