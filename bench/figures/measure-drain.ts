import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { DrainReport, DrainRequest } from '../children/drain.child.ts';
import { table } from '../render-report.ts';
import { type Summary, summarize } from '../stats.ts';
import { checkAtLeast, type TargetCheck } from '../targets.ts';
import { CHILD_ENV, runChild } from './run-child.ts';

/** Where the benchmark runs and how long the drains are. */
export interface DrainOptions {
  root: string;
  quick: boolean;
  log: (message: string) => void;
}

/** The end-to-end figure, as Markdown, and its targets. */
export interface DrainFigures {
  markdown: string;
  targets: TargetCheck[];
}

const CONCURRENCIES = [1, 4, 8];
const CONSUMERS = ['worker', 'sqs-consumer'] as const;
const LABELS = { worker: 'traffic worker', 'sqs-consumer': 'sqs-consumer' };
const TARGET_CONCURRENCY = 4;
const TIMEOUT_SECONDS = 240;

/**
 * Starts the embedded emulator in its own process, then, for each
 * concurrency, drains one burst with the traffic worker and one with
 * sqs-consumer (alternating who goes first), each in a fresh process
 * running the processor bundle with logs silenced.
 */
export async function measureDrain(
  options: DrainOptions,
): Promise<DrainFigures> {
  const messages = options.quick ? 5_000 : 50_000;
  const emulator = spawn(
    process.execPath,
    ['bench/children/emulator.child.ts'],
    { cwd: options.root, stdio: ['pipe', 'pipe', 'inherit'], env: CHILD_ENV },
  );
  const [line] = (await once(createInterface(emulator.stdout), 'line')) as [
    string,
  ];
  const { endpoint } = JSON.parse(line) as { endpoint: string };

  const reports: {
    consumer: string;
    concurrency: number;
    report: DrainReport;
  }[] = [];
  try {
    CONCURRENCIES.forEach((concurrency, round) => {
      const order = round % 2 === 0 ? CONSUMERS : [...CONSUMERS].reverse();
      for (const consumer of order) {
        options.log(`   ${consumer}, ${concurrency} concurrent batches`);
        const request: DrainRequest = {
          consumer,
          concurrency,
          endpoint,
          messages,
          timeoutSeconds: TIMEOUT_SECONDS,
        };
        const { report } = runChild<DrainReport>(
          ['bench/children/drain.child.ts', JSON.stringify(request)],
          'stdout',
          { ...CHILD_ENV, LOG_LEVEL: 'silent' },
        );
        reports.push({ consumer, concurrency, report });
      }
    });
  } finally {
    emulator.stdin.end();
  }

  return renderDrain(reports, messages);
}

function renderDrain(
  reports: { consumer: string; concurrency: number; report: DrainReport }[],
  messages: number,
): DrainFigures {
  const rate = ({ report }: (typeof reports)[0]) =>
    report.stored / (report.validMs / 1000);
  const rows = reports.map((entry) => {
    const { report } = entry;
    return [
      LABELS[entry.consumer as keyof typeof LABELS],
      String(entry.concurrency),
      Math.round(rate(entry)).toLocaleString('en'),
      (report.validMs / 1000).toFixed(1),
      (report.drainMs / 1000).toFixed(1),
      `${report.stored.toLocaleString('en')} + ${report.deadLettered.toLocaleString('en')}`,
      `${report.lost} / ${report.storedInvalid}`,
      Math.round(report.cpuUsPerMessage).toLocaleString('en'),
      `${((report.handlerUsPerMessage / report.cpuUsPerMessage) * 100).toFixed(0)}%`,
      Object.entries(report.requestsPerThousand)
        // One-off calls at start, such as a queue attribute check, round to 0.
        .filter(([, count]) => count > 0)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([command, count]) => `${command.replace('Command', '')} ${count}`)
        .join(', '),
    ];
  });

  const ratios = CONCURRENCIES.map((concurrency) => {
    const of = (consumer: string) =>
      reports.find(
        (entry) =>
          entry.consumer === consumer && entry.concurrency === concurrency,
      );
    const worker = of('worker');
    const peer = of('sqs-consumer');
    const ratio = worker && peer ? rate(worker) / rate(peer) : Number.NaN;
    return { concurrency, ratio: summarize([ratio]) as Summary };
  });
  const intact = reports.every(
    ({ report }) =>
      report.lost === 0 &&
      report.storedInvalid === 0 &&
      report.stored + report.deadLettered === report.sent,
  );

  const markdown = [
    `${messages.toLocaleString('en')} visits per run, 10% invalid, sent ` +
      'before the consumer starts; queue with a 1 s visibility timeout and ' +
      'a DLQ after 5 receives. Rate: valid messages stored per second, from ' +
      'the consumer start to the last valid message stored. Drained: ' +
      'stored + DLQ == sent. Consumer CPU: user + system time of the ' +
      'consumer process while draining, per message sent; "in handler" is ' +
      'the share of it spent inside the processor.',
    '',
    table(
      [
        'Consumer',
        'Batches at once',
        'Valid msg/s',
        'Valid done (s)',
        'Drained (s)',
        'Stored + DLQ',
        'Lost / invalid stored',
        'Consumer CPU µs/msg',
        'In handler',
        'Requests per 1,000 msgs',
      ],
      rows,
    ),
    '',
    `Worker / sqs-consumer rate: ${ratios
      .map(
        ({ concurrency, ratio }) =>
          `${concurrency} at once ${ratio.median.toFixed(2)}x`,
      )
      .join('; ')}.`,
  ].join('\n');

  const atTarget = ratios.find(
    ({ concurrency }) => concurrency === TARGET_CONCURRENCY,
  );
  return {
    markdown,
    targets: [
      checkAtLeast(
        `End to end, ${TARGET_CONCURRENCY} at once: worker / sqs-consumer rate`,
        atTarget?.ratio ?? summarize([Number.NaN]),
        1.5,
      ),
      {
        target: 'End to end: stored + DLQ == sent, nothing lost',
        measured: intact ? 'all runs' : 'not in every run',
        limit: '0 lost',
        pass: intact,
      },
    ],
  };
}
