import * as v from 'valibot';
import type { Visit, VisitSchema } from './visit.schema.ts';

/**
 * Largest body accepted, in bytes: SQS's long-standing message limit. A
 * visit is a few hundred bytes; anything near this is not one.
 */
export const MAX_BODY_BYTES = 256 * 1024;

/** Why a body was refused: the field at fault and a fixed reason code. */
export type VisitRejection = { field: string; reason: string };

export type VisitParseResult =
  | { success: true; visit: Visit }
  | { success: false; rejection: VisitRejection };

/**
 * Reads one message body into a visit, or says which field is wrong and why.
 *
 * Never throws: a body that is not a JSON object of at most
 * {@link MAX_BODY_BYTES} is refused like any other invalid visit.
 */
export function parseVisitBody(
  body: unknown,
  schema: VisitSchema,
): VisitParseResult {
  const json = readJsonObject(body);
  if ('reason' in json) return { success: false, rejection: json };

  const result = v.safeParse(schema, json.value, { abortEarly: true });
  if (!result.success) {
    return { success: false, rejection: describeIssue(result.issues[0]) };
  }

  const { type, created_at, ip, url } = result.output;
  const visit: Visit = { type, createdAt: created_at };
  if (ip !== undefined) visit.ip = ip;
  if (url !== undefined) {
    visit.url = url.url;
    visit.host = url.host;
  }

  return { success: true, visit };
}

function readJsonObject(
  body: unknown,
): { value: Record<string, unknown> } | VisitRejection {
  if (typeof body !== 'string') return reject('not_a_string');
  if (body.length === 0) return reject('empty');
  if (body.length > MAX_BODY_BYTES || byteLength(body) > MAX_BODY_BYTES) {
    return reject('too_large');
  }

  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return reject('not_json');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return reject('not_an_object');
  }

  return { value: value as Record<string, unknown> };
}

function byteLength(body: string): number {
  // Each UTF-16 unit is at most 3 UTF-8 bytes: skip the count when it cannot
  // reach the limit.
  return body.length * 3 <= MAX_BODY_BYTES ? 0 : Buffer.byteLength(body);
}

function reject(reason: string): VisitRejection {
  return { field: 'body', reason };
}

function describeIssue(issue: v.BaseIssue<unknown>): VisitRejection {
  const key = issue.path?.[0]?.key;
  const field = typeof key === 'string' ? key : 'body';
  const reason =
    issue.input === undefined && issue.kind === 'schema'
      ? 'missing'
      : issue.message;

  return { field, reason };
}
