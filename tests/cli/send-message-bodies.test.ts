import { describe, expect, it } from '@jest/globals';
import { sendMessageBodies } from '../../lib/cli/send-message-bodies.ts';
import {
  createTestQueues,
  receiveAll,
  useTestEmulator,
} from '../helpers/test-queues.ts';

describe('sendMessageBodies', () => {
  const test = useTestEmulator();

  it("returns each message id at its body's index, with requests in parallel", async () => {
    // Prepare
    const queues = await createTestQueues(test.sqs);
    const bodies = Array.from({ length: 25 }, (_, i) => `body ${i}`);

    // Act
    const sent = await sendMessageBodies(test.sqs, queues.queueUrl, bodies, {
      concurrency: 3,
    });

    // Assess
    expect(sent.failed).toEqual([]);
    const received = await receiveAll(test.sqs, queues.queueUrl);
    const bodyById = new Map(received.map((m) => [m.MessageId, m.Body]));
    expect(sent.messageIds.map((id) => bodyById.get(id))).toEqual(bodies);
  });

  it('reports the bodies SQS refuses by index', async () => {
    // Prepare
    const queues = await createTestQueues(test.sqs);
    const notAllowed = 'nul \u0000 is no SQS character';

    // Act
    const sent = await sendMessageBodies(test.sqs, queues.queueUrl, [
      'fine',
      notAllowed,
    ]);

    // Assess
    expect(sent.messageIds[0]).toEqual(expect.any(String));
    expect(sent.messageIds[1]).toBeUndefined();
    expect(sent.failed).toEqual([{ index: 1, code: expect.any(String) }]);
  });
});
