import { describe, expect, it } from '@jest/globals';
import { peekDeadLetters } from '../../../lib/cli/dlq/peek-dead-letters.ts';
import {
  countMessages,
  createTestQueues,
  sendBodies,
  useTestEmulator,
} from '../../helpers/test-queues.ts';

describe('peekDeadLetters', () => {
  const test = useTestEmulator();

  it('shows messages and leaves them visible in the queue', async () => {
    // Prepare
    const { deadLetterQueueUrl } = await createTestQueues(test.sqs);
    const bodies = Array.from({ length: 13 }, (_, i) => `dead ${i}`);
    const ids = await sendBodies(test.sqs, deadLetterQueueUrl, bodies);

    // Act
    const letters = await peekDeadLetters(test.sqs, deadLetterQueueUrl, 12);

    // Assess
    expect(letters).toHaveLength(12);
    expect(new Set(letters.map((letter) => letter.messageId)).size).toBe(12);
    expect(ids).toEqual(
      expect.arrayContaining(letters.map((l) => l.messageId)),
    );
    expect(letters[0]).toEqual({
      messageId: expect.any(String),
      body: expect.stringMatching(/^dead \d+$/),
      receiveCount: 1,
      sentAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(await countMessages(test.sqs, deadLetterQueueUrl)).toEqual({
      visible: 13,
      inFlight: 0,
      delayed: 0,
    });
  });

  it('returns nothing for an empty queue', async () => {
    // Prepare
    const { deadLetterQueueUrl } = await createTestQueues(test.sqs);

    // Act
    const letters = await peekDeadLetters(test.sqs, deadLetterQueueUrl, 5);

    // Assess
    expect(letters).toEqual([]);
  });
});
