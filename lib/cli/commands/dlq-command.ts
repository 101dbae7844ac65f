import { Command, Option } from 'commander';
import { readQueueArn } from '../../emulator/ensure-traffic-queues.ts';
import {
  addConnectionOptions,
  addQueueOptions,
  parseWholeNumber,
  type QueueFlags,
} from '../cli-options.ts';
import { peekDeadLetters } from '../dlq/peek-dead-letters.ts';
import {
  REDRIVE_METHODS,
  type RedriveMethod,
  redriveDeadLetters,
} from '../dlq/redrive-dead-letters.ts';
import type { ConnectionFlags } from '../sqs-connection.ts';
import {
  connect,
  resolveDeadLetterQueueUrl,
  resolveTrafficQueueUrl,
} from './connect.ts';

type DlqFlags = ConnectionFlags & QueueFlags;

/** `traffic dlq`: look at and move back dead letters. */
export function createDlqCommand(): Command {
  const peek = new Command('peek')
    .description(
      'print up to N dead letters, one JSON line each, leaving them in place',
    )
    .option('--max <n>', 'most messages to show', parseWholeNumber(1), 10)
    .action(async (flags: DlqFlags & { max: number }) => {
      const { sqs } = connect(flags);
      try {
        const dlqUrl = await resolveDeadLetterQueueUrl(sqs, flags);
        const letters = await peekDeadLetters(sqs, dlqUrl, flags.max);
        for (const letter of letters) {
          process.stdout.write(`${JSON.stringify(letter)}\n`);
        }
        process.stderr.write(`${letters.length} dead letter(s) shown\n`);
      } finally {
        sqs.destroy();
      }
    });

  const redrive = new Command('redrive')
    .description('move dead letters back to the traffic queue')
    .addOption(
      new Option('--method <method>', 'how to move them')
        .choices(REDRIVE_METHODS)
        .default('auto'),
    )
    .action(async (flags: DlqFlags & { method: RedriveMethod }) => {
      const { sqs } = connect(flags);
      try {
        const queueUrl = await resolveTrafficQueueUrl(sqs, flags);
        const deadLetterQueueUrl = await resolveDeadLetterQueueUrl(sqs, flags);
        const result = await redriveDeadLetters(
          sqs,
          {
            queueUrl,
            queueArn: await readQueueArn(sqs, queueUrl),
            deadLetterQueueUrl,
            deadLetterQueueArn: await readQueueArn(sqs, deadLetterQueueUrl),
          },
          flags.method,
        );
        process.stdout.write(`${JSON.stringify(result)}\n`);
        if (result.method === 'copy' && result.failed.length > 0) {
          process.exitCode = 1;
        }
      } finally {
        sqs.destroy();
      }
    });

  for (const sub of [peek, redrive]) {
    addQueueOptions(sub, { queue: sub === redrive, dlq: true });
    addConnectionOptions(sub);
  }

  return new Command('dlq')
    .description('inspect or redrive the dead-letter queue')
    .addCommand(peek)
    .addCommand(redrive);
}
