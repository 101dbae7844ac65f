import { parseCreatedAt } from '../../../lib/visit/created-at.ts';
import { normalizeIpAddress } from '../../../lib/visit/ip-address.ts';
import {
  MAX_BODY_BYTES,
  type VisitRejection,
} from '../../../lib/visit/parse-visit-body.ts';
import type { Visit } from '../../../lib/visit/visit.schema.ts';
import { normalizeVisitUrl } from '../../../lib/visit/visit-url.ts';

const MAX_IP_LENGTH = 45;

/**
 * Reads one message body with hand-written checks and no library: the
 * least work the visit rules allow, used as the floor of the benchmark.
 */
export function readVisit(body: unknown, now: number): Visit | VisitRejection {
  if (typeof body !== 'string') return reject('body', 'not_a_string');
  if (body.length === 0) return reject('body', 'empty');
  if (
    body.length > MAX_BODY_BYTES ||
    (body.length * 3 > MAX_BODY_BYTES &&
      Buffer.byteLength(body) > MAX_BODY_BYTES)
  ) {
    return reject('body', 'too_large');
  }

  let json: Record<string, unknown>;
  try {
    json = JSON.parse(body);
  } catch {
    return reject('body', 'not_json');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return reject('body', 'not_an_object');
  }

  const { type, created_at, ip, url } = json;
  if (type === undefined) return reject('type', 'missing');
  if (type !== 'direct' && type !== 'referrer') {
    return reject('type', 'not_a_visit_type');
  }
  if (created_at === undefined) return reject('created_at', 'missing');
  if (typeof created_at !== 'number' && typeof created_at !== 'string') {
    return reject('created_at', 'not_a_number_or_string');
  }
  const ms = parseCreatedAt(created_at, now);
  if (typeof ms !== 'number') return reject('created_at', ms.rejection);

  const visit: Visit = { type, createdAt: new Date(ms).toISOString() };
  if (ip !== undefined) {
    if (typeof ip !== 'string') return reject('ip', 'not_a_string');
    if (ip.length > MAX_IP_LENGTH) return reject('ip', 'too_long');
    const canonical = normalizeIpAddress(ip);
    if (canonical === undefined) return reject('ip', 'not_an_ip_address');
    visit.ip = canonical;
  }
  if (url !== undefined) {
    if (typeof url !== 'string') return reject('url', 'not_a_string');
    const normalized = normalizeVisitUrl(url);
    if ('rejection' in normalized) return reject('url', normalized.rejection);
    visit.url = normalized.url;
    visit.host = normalized.host;
  }

  return visit;
}

function reject(field: string, reason: string): VisitRejection {
  return { field, reason };
}
