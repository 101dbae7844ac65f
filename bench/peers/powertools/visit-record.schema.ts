import { JSONStringified } from '@aws-lambda-powertools/parser/helpers';
import { SqsRecordSchema } from '@aws-lambda-powertools/parser/schemas/sqs';
import { z } from 'zod';
import { parseCreatedAt } from '../../../lib/visit/created-at.ts';
import { normalizeIpAddress } from '../../../lib/visit/ip-address.ts';
import { MAX_BODY_BYTES } from '../../../lib/visit/parse-visit-body.ts';
import { VISIT_TYPES } from '../../../lib/visit/visit.schema.ts';
import { normalizeVisitUrl } from '../../../lib/visit/visit-url.ts';

const MAX_IP_LENGTH = 45;

/**
 * Builds the zod schema of an SQS record carrying a visit, with the rules of
 * `lib/visit/`: the same normalizers run inside the refinements, so both
 * schemas accept and refuse exactly the same bodies.
 *
 * @param now - the clock `created_at` is checked against
 */
export function createVisitRecordSchema(now: () => number) {
  const VisitBodySchema = z.object({
    type: z.enum(VISIT_TYPES, { error: 'not_a_visit_type' }),
    created_at: z
      .union([z.number(), z.string()], { error: 'not_a_number_or_string' })
      .transform((value, ctx) => {
        const ms = parseCreatedAt(value, now());
        if (typeof ms === 'number') return new Date(ms).toISOString();

        ctx.addIssue({ code: 'custom', message: ms.rejection });
        return z.NEVER;
      }),
    ip: z
      .string({ error: 'not_a_string' })
      .max(MAX_IP_LENGTH, { error: 'too_long' })
      .transform((value, ctx) => {
        const ip = normalizeIpAddress(value);
        if (ip !== undefined) return ip;

        ctx.addIssue({ code: 'custom', message: 'not_an_ip_address' });
        return z.NEVER;
      })
      .optional(),
    url: z
      .string({ error: 'not_a_string' })
      .transform((value, ctx) => {
        const url = normalizeVisitUrl(value);
        if (!('rejection' in url)) return url;

        ctx.addIssue({ code: 'custom', message: url.rejection });
        return z.NEVER;
      })
      .optional(),
  });

  return SqsRecordSchema.extend({
    body: z
      .string()
      .refine(fitsInOneMessage, { error: 'too_large', abort: true })
      .pipe(JSONStringified(VisitBodySchema)),
  });
}

/** The zod schema of a visit record, as built for one clock. */
export type VisitRecordSchema = ReturnType<typeof createVisitRecordSchema>;

function fitsInOneMessage(body: string): boolean {
  return (
    body.length <= MAX_BODY_BYTES &&
    (body.length * 3 <= MAX_BODY_BYTES ||
      Buffer.byteLength(body) <= MAX_BODY_BYTES)
  );
}
