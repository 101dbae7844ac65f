import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, jest } from '@jest/globals';
import { sendVisitBatch } from '../../lib/agent/index.ts';
import { replayAccessLog } from '../../lib/replay/replay-access-log.ts';
import {
  createTestQueues,
  receiveAll,
  useTestEmulator,
} from '../helpers/test-queues.ts';

jest.setTimeout(30_000);

const SAMPLE_LOG = fileURLToPath(
  new URL('../../data/access-sample.log', import.meta.url),
);

/**
 * Sorts the sample's referers with plain string work, independent of the
 * parser and the agent: the referer is the second-last quoted field.
 */
function countRefererKinds(text: string) {
  const counts = { none: 0, www: 0, bare: 0, search: 0, other: 0 };
  for (const line of text.split('\n').filter(Boolean)) {
    const fields = line.split('"');
    const referer = fields[fields.length - 4] as string;
    const host = referer.split('/')[2] ?? '';
    if (referer === '-') counts.none += 1;
    else if (host === 'www.semicomplete.com') counts.www += 1;
    else if (host === 'semicomplete.com') counts.bare += 1;
    else if (/(^|\.)google\.|duckduckgo\.com$|search\.daum\.net$/.test(host)) {
      counts.search += 1;
    } else counts.other += 1;
  }

  return counts;
}

describe('replay of the shipped sample log', () => {
  const test = useTestEmulator();

  it('counts the referers the data README describes', () => {
    // Act
    const counts = countRefererKinds(readFileSync(SAMPLE_LOG, 'utf8'));

    // Assess
    expect(counts).toEqual({
      none: 872,
      www: 729,
      bare: 227,
      search: 129,
      other: 43,
    });
  });

  it('enqueues direct and referrer visits as the rules classify them', async () => {
    // Prepare
    const queues = await createTestQueues(test.sqs);

    // Act
    const summary = await replayAccessLog(SAMPLE_LOG, {
      site: 'semicomplete.com',
      send: (entries) => sendVisitBatch(test.sqs, queues.queueUrl, entries),
    });

    // Assess
    // direct: 872 lines without a referer + 129 from Google, DuckDuckGo and
    // Daum, which the agent's search-engine list (Matomo's) all recognises;
    // same-site: 729 from www.semicomplete.com + 227 from semicomplete.com,
    // `www.` being ignored; referrer: the 43 from other sites.
    expect(summary).toMatchObject({
      lines: 2000,
      direct: 872 + 129,
      referrer: 43,
      sameSite: 729 + 227,
      sent: 1044,
    });
    expect(summary.unparseable.count).toBe(0);
    expect(summary.invalid.count).toBe(0);
    expect(summary.failed.count).toBe(0);
    const bodies = (await receiveAll(test.sqs, queues.queueUrl)).map(
      (message) => JSON.parse(message.Body as string),
    );
    expect(bodies.filter((body) => body.type === 'direct')).toHaveLength(1001);
    expect(bodies.filter((body) => body.type === 'referrer')).toHaveLength(43);
    expect(
      bodies.every((body) => body.created_at >= Date.UTC(2015, 4, 17)),
    ).toBe(true);
  });
});
