import { normalizeVisitUrl, type UrlRejection } from '../visit/visit-url.ts';

/**
 * Reads a site as the host its pages are served from, for comparison with
 * referrer hosts: lower-case, without port, trailing dot or leading `www.`.
 *
 * Accepts a bare host (`example.com`), a host with port, or a URL.
 */
export function readSiteHost(
  raw: string,
): string | { rejection: UrlRejection } {
  const normalized = normalizeVisitUrl(raw);
  if ('rejection' in normalized) return normalized;

  return withoutWww(normalized.host);
}

/** Drops one leading `www.` label: `www.example.com` is `example.com`. */
export function withoutWww(host: string): string {
  return host.startsWith('www.') ? host.slice(4) : host;
}
