import { SqsUnreachableError } from './sqs-unreachable-error.ts';

const MOST_CAUSES = 4;

/**
 * Writes an error as one line for a person: its message, then each cause
 * with its name, as in `visit not enqueued: QueueDoesNotExist: ...`.
 *
 * A cause that would add nothing ends the line: one whose message the error
 * already carries, or the socket error behind an unreachable endpoint.
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current !== undefined && parts.length <= MOST_CAUSES) {
    if (!(current instanceof Error)) {
      parts.push(String(current));
      break;
    }

    const named = parts.length > 0 && current.name !== 'Error';
    parts.push(named ? `${current.name}: ${current.message}` : current.message);
    if (current instanceof SqsUnreachableError) break;
    if (repeats(current.message, current.cause)) break;
    current = current.cause;
  }

  return parts.join(': ');
}

function repeats(message: string, cause: unknown): boolean {
  return (
    cause instanceof Error &&
    cause.message !== '' &&
    message.includes(cause.message)
  );
}
