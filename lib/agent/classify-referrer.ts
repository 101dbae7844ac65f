import { readReferrer } from './read-referrer.ts';
import { isSearchEngine } from './search-engine-matcher.ts';
import { readSiteHost, withoutWww } from './site-host.ts';

/** What a referrer makes of a visit. */
export const REFERRER_CLASSES = {
  direct: 'direct',
  referrer: 'referrer',
  sameSite: 'same_site',
} as const;

export type ReferrerClass =
  (typeof REFERRER_CLASSES)[keyof typeof REFERRER_CLASSES];

/**
 * Classifies a visit by its referrer.
 *
 * - no referrer, one that names no origin, or a search engine: `direct`;
 * - a page of the site itself (`www.` ignored): `same_site`, internal
 *   navigation rather than a new visit;
 * - anything else: `referrer`, a link from another site or app.
 *
 * Hosts compare case-insensitively, without port or trailing dot.
 *
 * @param referrer - the visitor's referrer, a URL or a bare host
 * @param site - the site's host or hosts; a site that cannot be read never
 *   matches
 */
export function classifyReferrer(
  referrer: string | undefined,
  site?: string | readonly string[],
): ReferrerClass {
  if (referrer === undefined || referrer === '') return 'direct';

  const origin = readReferrer(referrer);
  if (origin === undefined) return 'direct';
  if (origin.kind === 'web' && isSite(origin.host, site)) return 'same_site';

  return isSearchEngine(origin) ? 'direct' : 'referrer';
}

function isSite(host: string, site: string | readonly string[] | undefined) {
  const sites = typeof site === 'string' ? [site] : (site ?? []);
  const referrerHost = withoutWww(host);

  return sites.some((raw) => readSiteHost(raw) === referrerHost);
}
