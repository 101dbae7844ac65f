import * as v from 'valibot';
import { parseCreatedAt } from './created-at.ts';
import { normalizeIpAddress } from './ip-address.ts';
import { normalizeVisitUrl } from './visit-url.ts';

/** The kinds of visit; each has its own table. */
export const VISIT_TYPES = ['direct', 'referrer'] as const;

export type VisitType = (typeof VISIT_TYPES)[number];

/** Longest text accepted for `ip`: a full IPv6 with an embedded IPv4. */
const MAX_IP_LENGTH = 45;

/**
 * Builds the schema of a visit message body, as the processor reads it and
 * the agent writes it.
 *
 * Unknown keys are dropped, so producers can add fields before the processor
 * reads them. Each issue's message is a fixed reason code.
 *
 * @param now - the clock `created_at` is checked against
 */
export function createVisitSchema(now: () => number) {
  return v.object(
    {
      type: v.picklist(VISIT_TYPES, 'not_a_visit_type'),
      created_at: v.pipe(
        v.union([v.number(), v.string()], 'not_a_number_or_string'),
        v.rawTransform(({ dataset, addIssue, NEVER }) => {
          const ms = parseCreatedAt(dataset.value, now());
          if (typeof ms === 'number') return new Date(ms).toISOString();

          addIssue({ message: ms.rejection });
          return NEVER;
        }),
      ),
      ip: v.optional(
        v.pipe(
          v.string('not_a_string'),
          v.maxLength(MAX_IP_LENGTH, 'too_long'),
          v.rawTransform(({ dataset, addIssue, NEVER }) => {
            const ip = normalizeIpAddress(dataset.value);
            if (ip !== undefined) return ip;

            addIssue({ message: 'not_an_ip_address' });
            return NEVER;
          }),
        ),
      ),
      url: v.optional(
        v.pipe(
          v.string('not_a_string'),
          v.rawTransform(({ dataset, addIssue, NEVER }) => {
            const url = normalizeVisitUrl(dataset.value);
            if (!('rejection' in url)) return url;

            addIssue({ message: url.rejection });
            return NEVER;
          }),
        ),
      ),
    },
    'not_an_object',
  );
}

export type VisitSchema = ReturnType<typeof createVisitSchema>;

/** A message body as producers write it. */
export type VisitMessage = v.InferInput<VisitSchema>;

/** A visit as stored: `createdAt` in ISO-8601 UTC, canonical ip and url. */
export type Visit = {
  type: VisitType;
  createdAt: string;
  ip?: string;
  url?: string;
  host?: string;
};
