import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { createLogger, logLevelFromEnv } from '../../logger.ts';
import { STORAGE_ADAPTERS } from '../../storage/create-visit-store.ts';
import { loadHandler, PROCESSOR_BUNDLE } from '../../worker/load-handler.ts';
import { parseWholeNumber } from '../cli-options.ts';
import { formatDemoReport, isBalanced } from '../demo/format-demo-report.ts';
import { type DemoProgress, runDemo } from '../demo/run-demo.ts';
import { type ProgressBar, startProgressBar } from '../progress-bar.ts';

/** The real access log shipped with the project. */
export const SAMPLE_LOG = fileURLToPath(
  new URL('../../../data/access-sample.log', import.meta.url),
);

type DemoFlags = {
  log: string;
  site: string;
  invalid: number;
  storage: string;
  visibilityTimeout: number;
  timeout: number;
  bundle: string;
  verbose?: boolean;
  json?: boolean;
};

/** `traffic demo`: the whole pipeline in one process, on real traffic. */
export function createDemoCommand(): Command {
  return new Command('demo')
    .description(
      'run emulator, worker and processor in-process, replay a real log and report',
    )
    .option('--log <path>', 'access log to replay', SAMPLE_LOG)
    .option('--site <host>', "the log's own site", 'semicomplete.com')
    .option(
      '--invalid <n>',
      'invalid messages to send raw, to show the DLQ path',
      parseWholeNumber(0),
      20,
    )
    .addOption(
      new Option('--storage <adapter>', 'STORAGE_ADAPTER for the processor')
        .choices(Object.keys(STORAGE_ADAPTERS))
        .env('STORAGE_ADAPTER')
        .default('mysql'),
    )
    .option(
      '--visibility-timeout <seconds>',
      'visibility timeout of the demo queue; short, so rejected messages reach the DLQ in seconds',
      parseWholeNumber(1),
      1,
    )
    .option(
      '--timeout <seconds>',
      'give up waiting for the queue to drain',
      parseWholeNumber(1),
      120,
    )
    .option('--bundle <path>', 'processor bundle to run', PROCESSOR_BUNDLE)
    .option('--verbose', "show the worker's and processor's log lines")
    .option('--json', 'print the report as JSON')
    .action(async (flags: DemoFlags) => {
      // The bundle reads these when it is loaded, as on Lambda.
      process.env.STORAGE_ADAPTER = flags.storage;
      process.env.LOG_LEVEL =
        flags.verbose === true ? (process.env.LOG_LEVEL ?? 'info') : 'error';
      const handler = await loadHandler(flags.bundle);
      const logger = createLogger({
        service: 'traffic-worker',
        level: flags.verbose === true ? logLevelFromEnv() : 'error',
      });

      const bars = createDemoBars(statSync(flags.log).size);
      const report = await runDemo({
        logPath: flags.log,
        site: flags.site,
        invalidCount: flags.invalid,
        visibilityTimeoutSeconds: flags.visibilityTimeout,
        timeoutSeconds: flags.timeout,
        handler,
        logger,
        onProgress: bars.update,
      });
      bars.stop();

      const context = {
        logPath: relative(process.cwd(), flags.log),
        site: flags.site,
        storage: flags.storage,
      };
      process.stdout.write(
        flags.json === true
          ? `${JSON.stringify({ ...report, balanced: isBalanced(report) })}\n`
          : `${formatDemoReport(report, context)}\n`,
      );
      process.exitCode = isBalanced(report) ? 0 : 1;
    });
}

function createDemoBars(logBytes: number) {
  let send: ProgressBar | undefined;
  let drain: ProgressBar | undefined;

  return {
    update: (progress: DemoProgress) => {
      if (progress.phase === 'send') {
        send ??= startProgressBar('replay', logBytes, 'bytes');
        send.update(progress.bytesRead);
        return;
      }
      send?.stop();
      drain ??= startProgressBar('process', progress.sent, 'messages');
      drain.update(Math.min(progress.settled, progress.sent), progress.sent);
    },
    stop: () => {
      send?.stop();
      drain?.stop();
    },
  };
}
