import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { createLogger, logLevelFromEnv } from '../../logger.ts';
import { loadHandler, PROCESSOR_BUNDLE } from '../../worker/load-handler.ts';
import { checkProcessorSettings } from '../check-processor-settings.ts';
import {
  createStorageOption,
  parseSiteHosts,
  parseWholeNumber,
} from '../cli-options.ts';
import { formatDemoReport, isBalanced } from '../demo/format-demo-report.ts';
import { type DemoProgress, runDemo } from '../demo/run-demo.ts';
import {
  type ProgressBar,
  startProgressBar,
  stopProgressBars,
} from '../progress-bar.ts';
import { handleInterrupts, SIGNAL_EXIT_CODES } from '../shutdown-signals.ts';

/** The real access log shipped with the project. */
export const SAMPLE_LOG = fileURLToPath(
  new URL('../../../data/access-sample.log', import.meta.url),
);

const SAMPLE_SITE = 'semicomplete.com';

type DemoFlags = {
  log: string;
  site: string[];
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
      'run emulator, worker and processor in-process, replay a real log ' +
        'and report',
    )
    .option('--log <path>', 'access log to replay', SAMPLE_LOG)
    .addOption(
      new Option('--site <host>', "the log's own site (comma-separate several)")
        .argParser(parseSiteHosts)
        .default([SAMPLE_SITE], SAMPLE_SITE),
    )
    .option(
      '--invalid <n>',
      'invalid messages to send raw, to show the DLQ path',
      parseWholeNumber(0),
      20,
    )
    .addOption(createStorageOption())
    .option(
      '--visibility-timeout <seconds>',
      'visibility timeout of the demo queue; short, so rejected messages ' +
        'reach the DLQ in seconds',
      parseWholeNumber(1, 43_200),
      1,
    )
    .option(
      '--timeout <seconds>',
      'give up waiting for the queue to drain',
      parseWholeNumber(1),
      120,
    )
    .option('--bundle <path>', 'processor bundle to run', PROCESSOR_BUNDLE)
    .option(
      '--verbose',
      "show the worker's and processor's log lines, on stderr",
    )
    .option('--json', 'print the report as JSON')
    .action(runDemoCommand);
}

async function runDemoCommand(flags: DemoFlags): Promise<void> {
  // The bundle reads these when it is loaded, as on Lambda.
  process.env.STORAGE_ADAPTER = flags.storage;
  process.env.LOG_LEVEL =
    flags.verbose === true ? (process.env.LOG_LEVEL ?? 'info') : 'error';
  checkProcessorSettings(process.env);
  const logSize = statSync(flags.log).size;
  const handler = await loadHandler(flags.bundle);
  const logger = createLogger({
    service: 'traffic-worker',
    level: flags.verbose === true ? logLevelFromEnv() : 'error',
    write: (line) => process.stderr.write(`${line}\n`),
  });

  // The processor logs to stdout, as on Lambda; stdout is the report's.
  const restoreStdout = sendStdoutToStderr();
  const release = handleInterrupts((signal) => {
    stopProgressBars();
    restoreStdout();
    process.stderr.write('traffic demo: interrupted, nothing to report\n');
    process.exit(SIGNAL_EXIT_CODES[signal]);
  });
  const bars = createDemoBars(logSize);
  let report: Awaited<ReturnType<typeof runDemo>>;
  try {
    report = await runDemo({
      logPath: flags.log,
      site: flags.site,
      invalidCount: flags.invalid,
      visibilityTimeoutSeconds: flags.visibilityTimeout,
      timeoutSeconds: flags.timeout,
      handler,
      logger,
      onProgress: bars.update,
    });
  } finally {
    bars.stop();
    restoreStdout();
    release();
  }

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
}

/** Sends what is written to stdout to stderr until the returned call. */
function sendStdoutToStderr(): () => void {
  const write = process.stdout.write;
  process.stdout.write = process.stderr.write.bind(process.stderr);

  return () => {
    process.stdout.write = write;
  };
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
