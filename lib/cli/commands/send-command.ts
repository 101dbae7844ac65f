import { Argument, Command, InvalidArgumentError } from 'commander';
import { buildVisitMessage, sendVisit } from '../../agent/index.ts';
import { VISIT_TYPES } from '../../visit/visit.schema.ts';
import {
  addConnectionOptions,
  addQueueOptions,
  type QueueFlags,
} from '../cli-options.ts';
import type { ConnectionFlags } from '../sqs-connection.ts';
import { connect, resolveTrafficQueueUrl } from './connect.ts';

type SendFlags = ConnectionFlags &
  QueueFlags & { ip?: string; url?: string; at?: number };

/** `traffic send`: one visit through the agent's code. */
export function createSendCommand(): Command {
  const command = new Command('send')
    .description("enqueue one visit, built and sent by the agent's code")
    .addArgument(new Argument('<type>', 'kind of visit').choices(VISIT_TYPES))
    .option('--ip <address>', 'client address (direct visits only)')
    .option('--url <url>', 'referring page (referrer visits only)')
    .option(
      '--at <time>',
      'when the visit happened: epoch milliseconds or ISO-8601; default now',
      parseTime,
    )
    .action(async (type: string, flags: SendFlags) => {
      const [flag, value, other] =
        type === 'direct'
          ? ['--url', flags.url, 'referrer']
          : ['--ip', flags.ip, 'direct'];
      if (value !== undefined) {
        throw new InvalidArgumentError(
          `${flag} applies to ${other} visits only`,
        );
      }

      const outcome = buildVisitMessage({
        type,
        ...(flags.ip === undefined ? {} : { ip: flags.ip }),
        ...(flags.url === undefined ? {} : { url: flags.url }),
        occurredAt: flags.at ?? Date.now(),
      });
      if (outcome.outcome !== 'enqueue') {
        const detail =
          outcome.outcome === 'invalid'
            ? `${outcome.field}: ${outcome.reason}`
            : 'same-site navigation';
        throw new InvalidArgumentError(`visit not sent, ${detail}`);
      }

      const { sqs } = connect(flags);
      try {
        const queueUrl = await resolveTrafficQueueUrl(sqs, flags);
        const messageId = await sendVisit(sqs, queueUrl, outcome.message);
        process.stdout.write(
          `sent ${messageId} ${JSON.stringify(outcome.message)}\n`,
        );
      } finally {
        sqs.destroy();
      }
    });

  addQueueOptions(command, { queue: true });
  return addConnectionOptions(command);
}

function parseTime(value: string): number {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isSafeInteger(ms)) {
    throw new InvalidArgumentError('expected epoch milliseconds or ISO-8601');
  }

  return ms;
}
