/** What a handler's answer means for its batch. */
export type BatchVerdict =
  | { kind: 'partial'; failedIds: ReadonlySet<string> }
  | { kind: 'all_failed'; reason: string };

const NO_FAILURES: BatchVerdict = { kind: 'partial', failedIds: new Set() };

/**
 * Reads a handler's response the way Lambda does with
 * `ReportBatchItemFailures`.
 *
 * A missing response or a missing or empty `batchItemFailures` is a full
 * success. A response that is not an object, a `batchItemFailures` that is not
 * a list, or an item whose `itemIdentifier` is missing, empty or not in the
 * batch fails the whole batch.
 *
 * @param messageIds - the ids of the records the handler was given
 */
export function readBatchResponse(
  response: unknown,
  messageIds: ReadonlySet<string>,
): BatchVerdict {
  if (response === undefined || response === null) return NO_FAILURES;
  if (typeof response !== 'object' || Array.isArray(response)) {
    return failAll('response_not_an_object');
  }

  const failures = (response as { batchItemFailures?: unknown })
    .batchItemFailures;
  if (failures === undefined || failures === null) return NO_FAILURES;
  if (!Array.isArray(failures)) {
    return failAll('batch_item_failures_not_a_list');
  }

  const failedIds = new Set<string>();
  for (const failure of failures) {
    const id = readItemIdentifier(failure);
    if (id === undefined || id === '') {
      return failAll('item_identifier_missing');
    }
    if (!messageIds.has(id)) return failAll('item_identifier_not_in_batch');
    failedIds.add(id);
  }

  return { kind: 'partial', failedIds };
}

function readItemIdentifier(failure: unknown): string | undefined {
  if (typeof failure !== 'object' || failure === null) return undefined;

  const id = (failure as { itemIdentifier?: unknown }).itemIdentifier;
  return typeof id === 'string' ? id : undefined;
}

function failAll(reason: string): BatchVerdict {
  return { kind: 'all_failed', reason };
}
