import { Command } from 'commander';
import { readQueueArn } from '../../emulator/ensure-traffic-queues.ts';
import { createLogger, logLevelFromEnv } from '../../logger.ts';
import { PIPELINE_DEFAULTS } from '../../pipeline-defaults.ts';
import { MAX_BATCH_RECORDS } from '../../processor/process-visit-batch.ts';
import { loadHandler, PROCESSOR_BUNDLE } from '../../worker/load-handler.ts';
import { startWorker } from '../../worker/start-worker.ts';
import { checkProcessorSettings } from '../check-processor-settings.ts';
import {
  addConnectionOptions,
  addQueueOptions,
  createStorageOption,
  parseWholeNumber,
  type QueueFlags,
} from '../cli-options.ts';
import { exitGracefullyOnSignal } from '../shutdown-signals.ts';
import type { ConnectionFlags } from '../sqs-connection.ts';
import { connect, resolveTrafficQueueUrl } from './connect.ts';

type ProcessFlags = ConnectionFlags &
  QueueFlags & {
    bundle: string;
    handlerExport: string;
    functionName: string;
    batchSize: number;
    batchingWindow: number;
    maxConcurrency: number;
    waitTime: number;
    timeout: number;
    storage: string;
  };

/** `traffic process`: the processor as a long-running queue worker. */
export function createProcessCommand(): Command {
  const command = new Command('process')
    .description(
      'poll the traffic queue like Lambda and run the processor on each batch',
    )
    .option('--bundle <path>', 'Lambda bundle to run', PROCESSOR_BUNDLE)
    .option('--handler-export <name>', "the bundle's handler export", 'handler')
    .option(
      '--function-name <name>',
      'name in the context',
      'traffic-processor',
    )
    .option(
      '--batch-size <n>',
      'records per invocation; above 10 needs a batching window',
      parseWholeNumber(1, MAX_BATCH_RECORDS),
      PIPELINE_DEFAULTS.batchSize,
    )
    .option(
      '--batching-window <seconds>',
      'how long to gather a batch',
      parseWholeNumber(0, 300),
      PIPELINE_DEFAULTS.batchingWindowSeconds,
    )
    .option(
      '--max-concurrency <n>',
      'most batches in flight',
      parseWholeNumber(1, 1000),
      PIPELINE_DEFAULTS.maximumConcurrency,
    )
    .option(
      '--wait-time <seconds>',
      'long-poll wait per receive; also bounds how long shutdown takes',
      parseWholeNumber(1, 20),
      PIPELINE_DEFAULTS.receiveWaitTimeSeconds,
    )
    .option(
      '--timeout <seconds>',
      "the function's timeout",
      parseWholeNumber(1, 900),
      PIPELINE_DEFAULTS.processorTimeoutSeconds,
    )
    .addOption(createStorageOption())
    .action(async (flags: ProcessFlags) => {
      // The bundle reads its configuration from the environment, as on Lambda.
      process.env.STORAGE_ADAPTER = flags.storage;
      checkProcessorSettings(process.env);
      const logger = createLogger({
        service: 'traffic-worker',
        level: logLevelFromEnv(),
      });
      const { sqs, region } = connect(flags);
      const queueUrl = await resolveTrafficQueueUrl(sqs, flags);
      const queueArn = await readQueueArn(sqs, queueUrl);
      const handler = await loadHandler(flags.bundle, flags.handlerExport);

      const worker = startWorker({
        sqs,
        queueUrl,
        queueArn,
        region,
        handler,
        logger,
        functionName: flags.functionName,
        batchSize: flags.batchSize,
        batchingWindowSeconds: flags.batchingWindow,
        maximumConcurrency: flags.maxConcurrency,
        waitTimeSeconds: flags.waitTime,
        timeoutSeconds: flags.timeout,
      });
      exitGracefullyOnSignal(
        async () => {
          await worker.stop();
          sqs.destroy();
        },
        (signal, forced) =>
          logger.info('shutdown requested', { signal, forced }),
      );
    });

  addQueueOptions(command, { queue: true });
  return addConnectionOptions(command);
}
