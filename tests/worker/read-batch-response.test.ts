import { describe, expect, it } from '@jest/globals';
import { readBatchResponse } from '../../lib/worker/read-batch-response.ts';

const IDS = new Set(['a', 'b', 'c']);

describe('readBatchResponse', () => {
  it.each([
    ['no response', undefined],
    ['a null response', null],
    ['an empty object', {}],
    ['a null list', { batchItemFailures: null }],
    ['an empty list', { batchItemFailures: [] }],
  ])('treats %s as a full success', (_name, response) => {
    // Act
    const verdict = readBatchResponse(response, IDS);

    // Assess
    expect(verdict).toEqual({ kind: 'partial', failedIds: new Set() });
  });

  it('reports only the listed ids as failed', () => {
    // Act
    const verdict = readBatchResponse(
      { batchItemFailures: [{ itemIdentifier: 'b' }, { itemIdentifier: 'c' }] },
      IDS,
    );

    // Assess
    expect(verdict).toEqual({
      kind: 'partial',
      failedIds: new Set(['b', 'c']),
    });
  });

  it.each([
    ['a string', 'ok', 'response_not_an_object'],
    ['a number', 42, 'response_not_an_object'],
    ['a list', [], 'response_not_an_object'],
    [
      'a list that is an object',
      { batchItemFailures: {} },
      'batch_item_failures_not_a_list',
    ],
    [
      'an empty id',
      { batchItemFailures: [{ itemIdentifier: '' }] },
      'item_identifier_missing',
    ],
    [
      'a null id',
      { batchItemFailures: [{ itemIdentifier: null }] },
      'item_identifier_missing',
    ],
    [
      'a misspelt key',
      { batchItemFailures: [{ itemId: 'a' }] },
      'item_identifier_missing',
    ],
    [
      'a numeric id',
      { batchItemFailures: [{ itemIdentifier: 1 }] },
      'item_identifier_missing',
    ],
    ['a null item', { batchItemFailures: [null] }, 'item_identifier_missing'],
    [
      'an unknown id',
      { batchItemFailures: [{ itemIdentifier: 'z' }] },
      'item_identifier_not_in_batch',
    ],
  ])('fails the whole batch for %s', (_name, response, reason) => {
    // Act
    const verdict = readBatchResponse(response, IDS);

    // Assess
    expect(verdict).toEqual({ kind: 'all_failed', reason });
  });
});
