import { MAX_URL_LENGTH, normalizeVisitUrl } from '../visit/visit-url.ts';
import { hasControlCharacters } from './has-control-characters.ts';

/** Where a referrer points: a web page, or an Android app. */
export type ReferrerOrigin =
  | { kind: 'web'; host: string; path: string }
  | { kind: 'app'; app: string };

const APP_SCHEME = /^android-app:\/\//i;

/**
 * Reads the origin of a referrer, or `undefined` when it names none.
 *
 * Web referrers go through the visit contract's URL rules, so a bare host
 * (`test.com`) reads as http, the host is lower-case without port or
 * trailing dot, and credentials are dropped. The path is lower-cased for
 * matching only. A referrer longer than a stored URL may be is read from
 * its head, which still holds its host.
 */
export function readReferrer(raw: string): ReferrerOrigin | undefined {
  if (hasControlCharacters(raw)) return undefined;
  if (APP_SCHEME.test(raw)) return readApp(raw);

  const normalized = normalizeVisitUrl(raw.slice(0, MAX_URL_LENGTH));
  if ('rejection' in normalized) return undefined;

  const path = URL.parse(normalized.url)?.pathname ?? '/';
  return { kind: 'web', host: normalized.host, path: path.toLowerCase() };
}

function readApp(raw: string): ReferrerOrigin | undefined {
  const app = URL.parse(raw)?.hostname.toLowerCase();

  return app ? { kind: 'app', app } : undefined;
}
