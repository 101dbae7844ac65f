import { describe, expect, it } from '@jest/globals';
import {
  addToBatch,
  type GatheredBatch,
} from '../../lib/worker/add-to-batch.ts';
import type { ReceivedMessage } from '../../lib/worker/to-lambda-record.ts';

function receive(id: string, count: number): ReceivedMessage {
  return {
    MessageId: id,
    ReceiptHandle: `${id}-handle-${count}`,
    Body: id,
    Attributes: { ApproximateReceiveCount: String(count) },
  };
}

describe('addToBatch', () => {
  it('keeps one message per id, the newest receive in the first place', () => {
    // Prepare
    const batch: GatheredBatch = new Map();
    addToBatch(batch, [receive('a', 1), receive('b', 1)]);

    // Act
    const superseded = addToBatch(batch, [receive('c', 1), receive('a', 2)]);

    // Assess
    expect([...batch.values()].map((m) => m.ReceiptHandle)).toEqual([
      'a-handle-2',
      'b-handle-1',
      'c-handle-1',
    ]);
    expect(batch.get('a')?.Attributes?.ApproximateReceiveCount).toBe('2');
    expect(superseded.map((m) => m.ReceiptHandle)).toEqual(['a-handle-1']);
  });

  it('replaces a message received twice in the same answer', () => {
    // Prepare
    const batch: GatheredBatch = new Map();

    // Act
    const superseded = addToBatch(batch, [receive('a', 1), receive('a', 2)]);

    // Assess
    expect(batch.size).toBe(1);
    expect(batch.get('a')?.ReceiptHandle).toBe('a-handle-2');
    expect(superseded).toHaveLength(1);
  });

  it('supersedes nothing when every id is new', () => {
    // Prepare
    const batch: GatheredBatch = new Map();

    // Act
    const superseded = addToBatch(batch, [receive('a', 1), receive('b', 3)]);

    // Assess
    expect(superseded).toEqual([]);
    expect(batch.size).toBe(2);
  });
});
