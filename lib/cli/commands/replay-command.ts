import { statSync } from 'node:fs';
import { Command } from 'commander';
import { sendVisitBatch } from '../../agent/index.ts';
import { replayAccessLog } from '../../replay/replay-access-log.ts';
import {
  addConnectionOptions,
  addQueueOptions,
  parseWholeNumber,
  type QueueFlags,
} from '../cli-options.ts';
import { formatReplaySummary } from '../format-replay-summary.ts';
import { startProgressBar } from '../progress-bar.ts';
import type { ConnectionFlags } from '../sqs-connection.ts';
import { connect, resolveTrafficQueueUrl } from './connect.ts';

type ReplayFlags = ConnectionFlags &
  QueueFlags & { site: string; maxReported: number; json?: boolean };

/** `traffic replay`: real traffic from an access log, through the agent. */
export function createReplayCommand(): Command {
  const command = new Command('replay')
    .description(
      'send the visits of an Apache/Nginx combined access log to the queue',
    )
    .argument('<log>', 'access log file, combined format')
    .requiredOption(
      '--site <host>',
      "the site's host (comma-separate several); its own pages are not visits",
    )
    .option(
      '--max-reported <n>',
      'line numbers listed per kind of problem',
      parseWholeNumber(0),
      20,
    )
    .option('--json', 'print the summary as JSON')
    .action(async (log: string, flags: ReplayFlags) => {
      const { sqs } = connect(flags);
      const bar = startProgressBar('replay', statSync(log).size, 'bytes');
      try {
        const queueUrl = await resolveTrafficQueueUrl(sqs, flags);
        const summary = await replayAccessLog(log, {
          site: flags.site.split(',').map((host) => host.trim()),
          send: (entries) => sendVisitBatch(sqs, queueUrl, entries),
          maxReportedLines: flags.maxReported,
          onProgress: (_summary, bytesRead) => bar.update(bytesRead),
        });
        bar.stop();

        process.stdout.write(
          flags.json === true
            ? `${JSON.stringify(summary)}\n`
            : `${formatReplaySummary(summary, log)}\n`,
        );
        if (summary.failed.count > 0) process.exitCode = 1;
      } finally {
        bar.stop();
        sqs.destroy();
      }
    });

  addQueueOptions(command, { queue: true });
  return addConnectionOptions(command);
}
