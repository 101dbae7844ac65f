import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type {
  VisitBatchEntry,
  VisitBatchResult,
} from '../../lib/agent/index.ts';
import { replayAccessLog } from '../../lib/replay/replay-access-log.ts';

const TIME = '17/May/2015:10:05:03 +0000';

function logLine(client: string, referer: string) {
  return `${client} - - [${TIME}] "GET / HTTP/1.1" 200 1 "${referer}" "ua"`;
}

function writeLog(lines: string[], ending = '\n'): string {
  const dir = mkdtempSync(join(tmpdir(), 'replay-'));
  const path = join(dir, 'access.log');
  writeFileSync(path, lines.join(ending) + ending);
  return path;
}

/** A sender that takes everything and keeps what it was given. */
function acceptingSender() {
  const calls: VisitBatchEntry[][] = [];
  const send = async (
    entries: VisitBatchEntry[],
  ): Promise<VisitBatchResult> => {
    calls.push(entries);
    return {
      sent: entries.map(({ id }) => ({ id, messageId: `m-${id}` })),
      failed: [],
    };
  };
  return { send, calls };
}

describe('replayAccessLog', () => {
  it('classifies each line by its referer and sends the visits', async () => {
    // Prepare
    const path = writeLog([
      logLine('192.0.2.1', '-'),
      logLine('2001:db8::5', 'https://www.google.fr/'),
      logLine('192.0.2.2', 'http://www.example.com/page'),
      logLine('::ffff:192.0.2.3', 'https://stackoverflow.com/q/1'),
      logLine('192.0.2.4', ''),
    ]);
    const { send, calls } = acceptingSender();

    // Act
    const summary = await replayAccessLog(path, { site: 'example.com', send });

    // Assess
    expect(summary).toMatchObject({
      lines: 5,
      direct: 3,
      referrer: 1,
      sameSite: 1,
      sent: 4,
    });
    expect(summary.unparseable.count).toBe(0);
    expect(calls.flat()).toEqual([
      {
        id: '1',
        message: {
          type: 'direct',
          created_at: Date.UTC(2015, 4, 17, 10, 5, 3),
          ip: '192.0.2.1',
        },
      },
      expect.objectContaining({ id: '2' }),
      {
        id: '4',
        message: {
          type: 'referrer',
          created_at: Date.UTC(2015, 4, 17, 10, 5, 3),
          url: 'https://stackoverflow.com/q/1',
        },
      },
      expect.objectContaining({ id: '5' }),
    ]);
  });

  it('reports unparseable lines by number, keeping only the first few', async () => {
    // Prepare
    const lines = [logLine('192.0.2.1', '-')];
    for (let i = 0; i < 5; i++)
      lines.push('garbage', logLine('192.0.2.1', '-').slice(0, 40));
    const path = writeLog(lines, '\r\n');
    const { send } = acceptingSender();

    // Act
    const summary = await replayAccessLog(path, {
      site: 'example.com',
      send,
      maxReportedLines: 3,
    });

    // Assess
    expect(summary.lines).toBe(11);
    expect(summary.direct).toBe(1);
    expect(summary.unparseable).toEqual({
      count: 10,
      lines: [2, 3, 4],
      reasons: { not_combined_format: 10 },
    });
  });

  it('counts lines the agent refuses, with field and reason', async () => {
    // Prepare
    const path = writeLog([
      logLine('crawler.example.net', '-'),
      logLine('192.0.2.1', '-'),
    ]);
    const { send } = acceptingSender();

    // Act
    const summary = await replayAccessLog(path, { site: 'example.com', send });

    // Assess
    expect(summary.invalid).toEqual({
      count: 1,
      lines: [1],
      reasons: { 'ip:not_an_ip_address': 1 },
    });
    expect(summary.sent).toBe(1);
  });

  it('reports visits the queue refused by line number and code', async () => {
    // Prepare
    const path = writeLog([
      logLine('192.0.2.1', '-'),
      logLine('192.0.2.2', '-'),
      logLine('192.0.2.3', '-'),
    ]);
    const send = async (entries: VisitBatchEntry[]) => ({
      sent: entries
        .filter(({ id }) => id !== '2')
        .map(({ id }) => ({ id, messageId: `m-${id}` })),
      failed: [{ id: '2', code: 'ThrottlingException', message: 'slow down' }],
    });

    // Act
    const summary = await replayAccessLog(path, { site: 'example.com', send });

    // Assess
    expect(summary.sent).toBe(2);
    expect(summary.failed).toEqual({
      count: 1,
      lines: [2],
      reasons: { ThrottlingException: 1 },
    });
  });

  it('hands visits to the sender in groups', async () => {
    // Prepare
    const lines = Array.from({ length: 25 }, (_, i) =>
      logLine(`192.0.2.${i + 1}`, '-'),
    );
    const path = writeLog(lines);
    const { send, calls } = acceptingSender();

    // Act
    const summary = await replayAccessLog(path, {
      site: 'example.com',
      send,
      visitsPerSend: 10,
    });

    // Assess
    expect(calls.map((entries) => entries.length)).toEqual([10, 10, 5]);
    expect(summary.sent).toBe(25);
  });

  it('reports a line of megabytes as too long by number and replays the rest', async () => {
    // Prepare
    const path = writeLog([
      logLine('192.0.2.1', '-'),
      `${logLine('192.0.2.2', '-')} "${'a'.repeat(3 * 1024 * 1024)}"`,
      logLine('192.0.2.3', '-'),
    ]);
    const { send } = acceptingSender();

    // Act
    const summary = await replayAccessLog(path, {
      site: 'example.com',
      send,
      maxLineBytes: 4096,
    });

    // Assess
    expect(summary.lines).toBe(3);
    expect(summary.sent).toBe(2);
    expect(summary.unparseable).toEqual({
      count: 1,
      lines: [2],
      reasons: { too_long: 1 },
    });
  });

  it('reads a first line behind a UTF-8 byte order mark', async () => {
    // Prepare
    const path = writeLog([`\uFEFF${logLine('192.0.2.1', '-')}`]);
    const { send } = acceptingSender();

    // Act
    const summary = await replayAccessLog(path, { site: 'example.com', send });

    // Assess
    expect(summary.unparseable.count).toBe(0);
    expect(summary.direct).toBe(1);
  });

  it('stops reading once aborted, still sending what it read', async () => {
    // Prepare
    const lines = Array.from({ length: 300 }, (_, i) =>
      logLine(`192.0.2.${(i % 250) + 1}`, '-'),
    );
    const path = writeLog(lines);
    const { send, calls } = acceptingSender();
    const stop = new AbortController();

    // Act
    const summary = await replayAccessLog(path, {
      site: 'example.com',
      send,
      visitsPerSend: 10,
      signal: stop.signal,
      onProgress: (progress) => {
        if (progress.lines >= 100) stop.abort();
      },
    });

    // Assess
    expect(summary.interrupted).toBe(true);
    expect(summary.lines).toBe(100);
    expect(summary.sent).toBe(100);
    expect(calls.flat()).toHaveLength(100);
  });
});
