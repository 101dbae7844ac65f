import { describe, expect, it } from '@jest/globals';
import { describeError } from '../../lib/cli/describe-error.ts';
import { SqsUnreachableError } from '../../lib/cli/sqs-unreachable-error.ts';

class QueueDoesNotExist extends Error {
  override name = 'QueueDoesNotExist';
}

describe('describeError', () => {
  it('follows the causes, naming each', () => {
    // Prepare
    const error = new Error('visit not enqueued', {
      cause: new QueueDoesNotExist('The specified queue does not exist.'),
    });

    // Act
    const line = describeError(error);

    // Assess
    expect(line).toBe(
      'visit not enqueued: QueueDoesNotExist: The specified queue does not exist.',
    );
  });

  it('ends at an error that says what to do', () => {
    // Prepare
    const socket = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
    });
    const error = new Error('visit not enqueued', {
      cause: new SqsUnreachableError('http://127.0.0.1:4566', {
        cause: socket,
      }),
    });

    // Act
    const line = describeError(error);

    // Assess
    expect(line).toBe(
      'visit not enqueued: SqsUnreachableError: no SQS at ' +
        'http://127.0.0.1:4566: start `traffic emulator`, ' +
        'or pass --endpoint or --aws',
    );
  });

  it('leaves out a cause whose message the error already carries', () => {
    // Prepare
    const error = new Error(
      'STORAGE_ADAPTER must be one of: mysql; found "x"',
      {
        cause: new Error('STORAGE_ADAPTER must be one of: mysql'),
      },
    );

    // Act
    const line = describeError(error);

    // Assess
    expect(line).toBe('STORAGE_ADAPTER must be one of: mysql; found "x"');
  });

  it('writes a thrown value that is no error as text', () => {
    // Act
    const line = describeError('plain text');

    // Assess
    expect(line).toBe('plain text');
  });

  it('stops after a few causes, even in a cycle', () => {
    // Prepare
    const error = new Error('a');
    error.cause = new Error('b', { cause: error });

    // Act
    const line = describeError(error);

    // Assess
    expect(line).toBe('a: b: a: b: a');
  });
});
