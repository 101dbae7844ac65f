import { pathToFileURL } from 'node:url';
import type { SQSBatchResponse } from 'aws-lambda';
import type { ContenderName } from '../build-bench-bundles.ts';
import { buildLambdaContext } from '../children/context.ts';
import type { CreateSinkHandler } from '../sink/create-sink-handler.ts';
import {
  type EventCase,
  listEquivalenceEvents,
} from './list-equivalence-events.ts';

/** What one contender did with one event. */
type Outcome = { failures: string[]; rows: string[] };

const REFERENCE: ContenderName = 'processor';

/**
 * Runs every equivalence event through each sink bundle and lists each
 * disagreement: a contender whose failed ids or stored rows differ from the
 * traffic processor's, or any contender whose failed ids differ from the
 * ids the generator knows are invalid. An empty list means equivalent.
 *
 * @param events - defaults to {@link listEquivalenceEvents} at `now`
 */
export async function findDisagreements(
  sinkBundles: Record<ContenderName, string>,
  { now = Date.now(), events }: { now?: number; events?: EventCase[] } = {},
): Promise<string[]> {
  const cases = events ?? listEquivalenceEvents(now);
  const context = buildLambdaContext('bench');
  const disagreements: string[] = [];
  const outcomes = new Map<ContenderName, Outcome[]>();

  for (const [name, bundle] of Object.entries(sinkBundles)) {
    const { createSinkHandler } = (await import(
      pathToFileURL(bundle).href
    )) as {
      createSinkHandler: CreateSinkHandler;
    };
    const lines: string[] = [];
    const handler = createSinkHandler({
      write: (line) => lines.push(line),
      now: () => now,
    });

    const results: Outcome[] = [];
    for (const { event } of cases) {
      lines.length = 0;
      const response = await handler(structuredClone(event), context);
      results.push({ failures: readFailures(response), rows: readRows(lines) });
    }
    outcomes.set(name as ContenderName, results);
  }

  const reference = outcomes.get(REFERENCE) ?? [];
  for (const [name, results] of outcomes) {
    cases.forEach(({ name: eventName, expectedFailures }, index) => {
      const outcome = results[index] as Outcome;
      const expected = reference[index] as Outcome;
      const where = `${name} on ${eventName}`;
      const failures = `failures ${show(outcome.failures)}`;
      if (!sameList(outcome.failures, expected.failures)) {
        disagreements.push(
          `${where}: ${failures}, processor ${show(expected.failures)}`,
        );
      }
      if (!sameList(outcome.rows, expected.rows)) {
        disagreements.push(`${where}: stored rows differ`);
      }
      if (expectedFailures && !sameList(outcome.failures, expectedFailures)) {
        disagreements.push(
          `${where}: ${failures}, invalid ${show(expectedFailures)}`,
        );
      }
    });
  }

  return disagreements;
}

function readFailures(response: SQSBatchResponse): string[] {
  return response.batchItemFailures.map((failure) => failure.itemIdentifier);
}

/** Each stored row as text, sorted, from the echoed MySQL statements. */
function readRows(lines: readonly string[]): string[] {
  const rows: string[] = [];
  for (const line of lines) {
    const entry = JSON.parse(line) as {
      message: string;
      table?: string;
      rows?: number;
      params?: unknown[];
    };
    if (entry.message !== 'mysql upsert' || !entry.params || !entry.rows) {
      continue;
    }

    const width = entry.params.length / entry.rows;
    for (let row = 0; row < entry.rows; row++) {
      const values = entry.params.slice(row * width, (row + 1) * width);
      rows.push(JSON.stringify([entry.table, ...values]));
    }
  }

  return rows.sort();
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function show(ids: readonly string[]): string {
  return ids.length > 4
    ? `[${ids.slice(0, 4).join(', ')}, … ${ids.length} in all]`
    : `[${ids.join(', ')}]`;
}
