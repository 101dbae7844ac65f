/** Longest URL accepted, in characters; browsers and CDNs cap near this. */
export const MAX_URL_LENGTH = 2048;

export type NormalizedUrl = { url: string; host: string };

export type UrlRejection =
  | 'too_long'
  | 'malformed'
  | 'unsupported_scheme'
  | 'control_characters';

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const PORT_AFTER_HOST = /^\d+(?:[/?#]|$)/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f]/;

/**
 * Reads a referrer URL the way it is stored.
 *
 * The rules of {@link parseWebUrl}, and a length limit: both the raw value
 * and the normalised URL must fit {@link MAX_URL_LENGTH}, so a stored URL
 * always reads back as itself. The host is returned beside the URL without a
 * trailing dot.
 */
export function normalizeVisitUrl(
  raw: string,
): NormalizedUrl | { rejection: UrlRejection } {
  if (raw.length > MAX_URL_LENGTH) return { rejection: 'too_long' };

  const parsed = parseWebUrl(raw);
  if ('rejection' in parsed) return parsed;
  // Percent-encoding can lengthen a URL ninefold: the stored form must fit.
  if (parsed.href.length > MAX_URL_LENGTH) return { rejection: 'too_long' };

  return { url: parsed.href, host: parsed.hostname.replace(/\.$/, '') };
}

/**
 * Parses an http or https URL, whatever its length.
 *
 * A value without a scheme (`test.com`, `test.com:8080/a`, `//test.com`) is
 * read as http. The host is lower-case ASCII (punycode for internationalised
 * names). Credentials (`user:pass@`) are dropped, never kept.
 */
export function parseWebUrl(raw: string): URL | { rejection: UrlRejection } {
  if (CONTROL_OR_SPACE.test(raw)) return { rejection: 'control_characters' };

  const candidate = withScheme(raw);
  if (candidate === undefined) return { rejection: 'unsupported_scheme' };

  const parsed = URL.parse(candidate);
  if (parsed === null || !hasNamedHost(parsed.hostname)) {
    return { rejection: 'malformed' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { rejection: 'unsupported_scheme' };
  }

  parsed.username = '';
  parsed.password = '';
  return parsed;
}

// Every label of a host names something: `http://./`, `http://a..b/` and
// `http://.a/` parse as URLs, yet point nowhere. One trailing dot is allowed.
function hasNamedHost(hostname: string): boolean {
  const host = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;

  return host !== '' && host.split('.').every((label) => label !== '');
}

function withScheme(raw: string): string | undefined {
  if (raw.startsWith('//')) return `http:${raw}`;

  const scheme = SCHEME.exec(raw);
  if (scheme === null) return `http://${raw}`;

  const name = scheme[1]?.toLowerCase();
  if (name === 'http' || name === 'https') return raw;

  // `host:8080/path` looks like a scheme to a URL parser; it is a bare host.
  const rest = raw.slice(scheme[0].length);
  return PORT_AFTER_HOST.test(rest) ? `http://${raw}` : undefined;
}
