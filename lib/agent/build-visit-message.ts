import { parseVisitBody } from '../visit/parse-visit-body.ts';
import { VISIT_TYPES, type VisitType } from '../visit/visit.schema.ts';
import { classifyReferrer } from './classify-referrer.ts';
import { hasControlCharacters } from './has-control-characters.ts';
import { resolveVisitSchema } from './serialize-visit-message.ts';
import { readSiteHost } from './site-host.ts';

/** Longest value of a request field other than `referrer`. */
export const MAX_FIELD_LENGTH = 2048;

/**
 * Longest `referrer`: browsers send up to 4 KiB. One above 2 KiB still
 * classifies a visit, but is refused as the URL of a referrer visit.
 */
export const MAX_REFERRER_LENGTH = 4096;

/**
 * A visit as a caller describes it, before any check. Empty strings count
 * as absent.
 */
export type VisitRequest = {
  /** `direct` or `referrer`; when absent, the referrer decides. */
  type?: string;
  /** The client address, required for a direct visit. */
  ip?: string;
  /** The referrer URL stored with a referrer visit. */
  url?: string;
  /** The visitor's referrer, classified when `type` is absent. */
  referrer?: string;
  /** The site's host or hosts, to recognise internal navigation. */
  site?: string | readonly string[];
  /** When the visit happened, in epoch milliseconds. */
  occurredAt: number;
};

/** A message body as the agent sends it: canonical `ip`, normalized `url`. */
export type OutgoingVisitMessage = {
  type: VisitType;
  created_at: number;
  ip?: string;
  url?: string;
};

/** What to do with a request: enqueue a message, skip it, or refuse it. */
export type VisitRequestOutcome =
  | { outcome: 'enqueue'; message: OutgoingVisitMessage }
  | { outcome: 'same_site' }
  | { outcome: 'invalid'; field: string; reason: string };

export interface BuildVisitOptions {
  /** The clock `occurredAt` is checked against; the system clock if unset. */
  now?: () => number;
}

type Fault = { field: string; reason: string };

type TextFields = Partial<Record<'type' | 'ip' | 'url' | 'referrer', string>>;

const TEXT_FIELDS = ['type', 'ip', 'url', 'referrer'] as const;

/**
 * Turns a visit request into the message to enqueue, or says why not.
 *
 * With a `type`, the caller has decided: a direct visit takes `ip`, a
 * referrer visit takes `url` (or `referrer`). Without one, the referrer is
 * classified with {@link classifyReferrer}. The message is checked with the
 * processor's own parser, so an `enqueue` outcome is always a body the
 * processor accepts.
 */
export function buildVisitMessage(
  request: VisitRequest,
  options: BuildVisitOptions = {},
): VisitRequestOutcome {
  const fields = readTextFields(request);
  if ('reason' in fields) return { outcome: 'invalid', ...fields };
  const sites = readSites(request.site);
  if ('reason' in sites) return { outcome: 'invalid', ...sites };

  const { type, ip, url, referrer } = fields;
  let visitType: VisitType;
  if (type === undefined) {
    const classified = classifyReferrer(referrer ?? url, sites);
    if (classified === 'same_site') return { outcome: 'same_site' };
    visitType = classified;
  } else if (isVisitType(type)) {
    visitType = type;
  } else {
    return invalid({ field: 'type', reason: 'not_a_visit_type' });
  }

  if (visitType === 'direct') {
    return checkMessage(
      { type: visitType, created_at: request.occurredAt, ip },
      'ip',
      options,
    );
  }
  const [target, field] =
    type === undefined
      ? pick<'referrer' | 'url'>(['referrer', referrer], ['url', url])
      : pick<'referrer' | 'url'>(['url', url], ['referrer', referrer]);
  return checkMessage(
    { type: visitType, created_at: request.occurredAt, url: target },
    field,
    options,
  );
}

function readTextFields(request: VisitRequest): TextFields | Fault {
  const fields: TextFields = {};
  for (const field of TEXT_FIELDS) {
    const value: unknown = request[field];
    if (value === undefined || value === '') continue;

    const limit = field === 'referrer' ? MAX_REFERRER_LENGTH : MAX_FIELD_LENGTH;
    const reason = checkText(value, limit);
    if (reason !== undefined) return { field, reason };
    fields[field] = value as string;
  }

  return fields;
}

function readSites(site: unknown): string[] | Fault {
  const values = site === undefined || site === '' ? [] : site;
  const list = Array.isArray(values) ? values : [values];
  for (const value of list) {
    const reason = checkText(value, MAX_FIELD_LENGTH);
    if (reason !== undefined) return { field: 'site', reason };

    const host = readSiteHost(value as string);
    if (typeof host !== 'string') {
      return { field: 'site', reason: host.rejection };
    }
  }

  return list as string[];
}

function checkText(value: unknown, limit: number): string | undefined {
  if (typeof value !== 'string') return 'not_a_string';
  if (value.length > limit) return 'too_long';
  if (hasControlCharacters(value)) return 'control_characters';

  return undefined;
}

function isVisitType(type: string): type is VisitType {
  return (VISIT_TYPES as readonly string[]).includes(type);
}

function pick<Field extends string>(
  first: [Field, string | undefined],
  second: [Field, string | undefined],
): [string | undefined, Field] {
  const [field, value] =
    first[1] === undefined && second[1] !== undefined ? second : first;

  return [value, field];
}

function checkMessage(
  candidate: OutgoingVisitMessage,
  field: 'ip' | 'url' | 'referrer',
  options: BuildVisitOptions,
): VisitRequestOutcome {
  const value = field === 'ip' ? candidate.ip : candidate.url;
  if (value === undefined) return invalid({ field, reason: 'missing' });

  const schema = resolveVisitSchema(options.now);
  const parsed = parseVisitBody(JSON.stringify(candidate), schema);
  if (!parsed.success) {
    const { rejection } = parsed;
    const named = rejection.field === 'url' ? field : rejection.field;
    return invalid({ field: named, reason: rejection.reason });
  }

  const { type, created_at } = candidate;
  const message: OutgoingVisitMessage =
    type === 'direct'
      ? { type, created_at, ip: parsed.visit.ip }
      : { type, created_at, url: parsed.visit.url };
  return { outcome: 'enqueue', message };
}

function invalid(fault: Fault): VisitRequestOutcome {
  return { outcome: 'invalid', ...fault };
}
