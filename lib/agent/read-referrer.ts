import { parseWebUrl } from '../visit/visit-url.ts';
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
 * matching only. No length limit applies here: a referrer too long to be
 * stored still names its host, so it is classified like any other, and the
 * message's own rules refuse it afterwards if it must be stored.
 */
export function readReferrer(raw: string): ReferrerOrigin | undefined {
  if (hasControlCharacters(raw)) return undefined;
  if (APP_SCHEME.test(raw)) return readApp(raw);

  const parsed = parseWebUrl(raw);
  if ('rejection' in parsed) return undefined;

  const host = parsed.hostname.replace(/\.$/, '');
  return { kind: 'web', host, path: parsed.pathname.toLowerCase() };
}

function readApp(raw: string): ReferrerOrigin | undefined {
  const app = URL.parse(raw)?.hostname.toLowerCase();

  return app ? { kind: 'app', app } : undefined;
}
