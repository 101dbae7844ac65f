import type { VisitRequest } from './build-visit-message.ts';

/** How the request reached the agent. */
export const AGENT_EVENT_SOURCES = {
  /** A direct `lambda invoke` with `queryStringParameters`. */
  invoke: 'invoke',
  /** A function URL or HTTP API request, payload format 2.0. */
  http: 'http',
} as const;

export type AgentEventSource =
  (typeof AGENT_EVENT_SOURCES)[keyof typeof AGENT_EVENT_SOURCES];

/** A request read from an event, or the field that made it unreadable. */
export type AgentEventRead =
  | { source: AgentEventSource; request: VisitRequest }
  | { source: AgentEventSource; field: string; reason: string };

/** Longest query string an HTTP request may carry, in characters. */
export const MAX_QUERY_LENGTH = 8192;

/** Largest body an HTTP request may carry, in bytes once decoded. */
export const MAX_REQUEST_BODY_BYTES = 8192;

export interface ReadAgentEventOptions {
  /** The invocation clock, for events that carry no request time. */
  now: () => number;
  /** The configured site hosts; when set, a `site` parameter is ignored. */
  site?: readonly string[];
}

type Params = Record<string, unknown>;
type Fault = { field: string; reason: string };

const HTTP_METHODS = new Set(['GET', 'POST']);
const HTTP_PARAMS = ['type', 'url', 'referrer', 'site'] as const;

/**
 * Reads a visit request from a direct invocation or an HTTP event.
 *
 * A direct invocation is trusted like any caller with invoke rights: it
 * names `type`, `ip`, `url`, `referrer` and `site` itself, and the visit
 * happens now. An HTTP request comes from anyone: the client address is
 * `requestContext.http.sourceIp`, which AWS sets from the connection, and
 * never an `ip` parameter or `X-Forwarded-For`, which the client writes.
 * The referrer is the `referrer` parameter when present (a tracking script
 * passing `document.referrer`), else the `Referer` header; the time is
 * `requestContext.timeEpoch`.
 */
export function readAgentEvent(
  event: unknown,
  options: ReadAgentEventOptions,
): AgentEventRead {
  if (!isRecord(event)) {
    return { source: 'invoke', field: 'event', reason: 'not_an_object' };
  }
  if (event.requestContext !== undefined) return readHttpEvent(event, options);

  const request = readInvocation(event.queryStringParameters, options);
  return { source: 'invoke', ...request };
}

function readInvocation(
  params: unknown,
  { now, site }: ReadAgentEventOptions,
): { request: VisitRequest } | Fault {
  if (!isRecord(params)) {
    const reason = params === undefined ? 'missing' : 'not_an_object';
    return { field: 'queryStringParameters', reason };
  }

  const fields = readStrings(params, ['type', 'ip', 'url', 'referrer', 'site']);
  if ('reason' in fields) return fields;

  const { site: siteParam, ...rest } = fields;
  const request = { ...rest, site: site ?? siteParam, occurredAt: now() };
  return { request: withoutUndefined(request) };
}

function readHttpEvent(
  event: Params,
  { now, site }: ReadAgentEventOptions,
): AgentEventRead {
  const context = isRecord(event.requestContext) ? event.requestContext : {};
  const http = context.http;
  if (!isRecord(http)) {
    return { source: 'http', field: 'event', reason: 'unsupported_event' };
  }

  const params = readHttpParams(event, http);
  if ('reason' in params) return { source: 'http', ...params };

  const { site: siteParam, referrer, ...rest } = params;
  const request: VisitRequest = {
    ...rest,
    ip: typeof http.sourceIp === 'string' ? http.sourceIp : undefined,
    referrer: referrer ?? readHeader(event.headers, 'referer'),
    site: site ?? siteParam,
    occurredAt: readTimeEpoch(context.timeEpoch) ?? now(),
  };
  return { source: 'http', request: withoutUndefined(request) };
}

function readHttpParams(
  event: Params,
  http: Params,
): Partial<Record<(typeof HTTP_PARAMS)[number], string>> | Fault {
  if (typeof http.method !== 'string' || !HTTP_METHODS.has(http.method)) {
    return { field: 'method', reason: 'not_allowed' };
  }
  const rawQuery = event.rawQueryString;
  if (typeof rawQuery === 'string' && rawQuery.length > MAX_QUERY_LENGTH) {
    return { field: 'query', reason: 'too_long' };
  }

  const query = isRecord(event.queryStringParameters)
    ? event.queryStringParameters
    : {};
  const body = readBody(event);
  if ('reason' in body) return body;

  const duplicate = HTTP_PARAMS.find(
    (name) => Object.hasOwn(query, name) && Object.hasOwn(body, name),
  );
  if (duplicate !== undefined) {
    return { field: duplicate, reason: 'duplicate_parameter' };
  }
  return readStrings({ ...query, ...body }, HTTP_PARAMS);
}

function readBody(event: Params): Params | Fault {
  const raw = event.body;
  if (raw === undefined || raw === null || raw === '') return {};
  if (typeof raw !== 'string') return { field: 'body', reason: 'not_a_string' };

  const base64 = event.isBase64Encoded === true;
  // Refuse before copying: a UTF-8 byte is at least one character, and base64
  // spends four characters on three bytes.
  const limit = base64
    ? Math.ceil(MAX_REQUEST_BODY_BYTES / 3) * 4
    : MAX_REQUEST_BODY_BYTES;
  if (raw.length > limit) return { field: 'body', reason: 'too_long' };
  const bytes = Buffer.from(raw, base64 ? 'base64' : 'utf8');
  if (bytes.length > MAX_REQUEST_BODY_BYTES) {
    return { field: 'body', reason: 'too_long' };
  }

  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { field: 'body', reason: 'not_json' };
  }
  return isRecord(value) ? value : { field: 'body', reason: 'not_an_object' };
}

function readStrings<Name extends string>(
  params: Params,
  names: readonly Name[],
): Partial<Record<Name, string>> | Fault {
  const fields: Partial<Record<Name, string>> = {};
  for (const name of names) {
    const value = params[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string')
      return { field: name, reason: 'not_a_string' };

    fields[name] = value;
  }

  return fields;
}

function readHeader(headers: unknown, name: string): string | undefined {
  if (!isRecord(headers)) return undefined;

  // Payload 2.0 lower-cases header names; a hand-built event may not.
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return typeof value === 'string' ? value : undefined;
}

function readTimeEpoch(value: unknown): number | undefined {
  return Number.isSafeInteger(value) ? (value as number) : undefined;
}

function withoutUndefined(request: VisitRequest): VisitRequest {
  return Object.fromEntries(
    Object.entries(request).filter(([, value]) => value !== undefined),
  ) as VisitRequest;
}

function isRecord(value: unknown): value is Params {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
