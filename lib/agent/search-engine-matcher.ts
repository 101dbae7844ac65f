import { COUNTRY_CODES } from './country-codes.ts';
import type { ReferrerOrigin } from './read-referrer.ts';
import type { SearchEngineList } from './search-engine-list.ts';
import SEARCH_ENGINES from './search-engines.data.json' with { type: 'json' };

/** Tells whether a referrer origin is a search engine. */
export type SearchEngineMatcher = (origin: ReferrerOrigin) => boolean;

/** Stands for a country code in a host pattern. */
const COUNTRY = '{}';

// Leading labels that name no site of their own: www, ww2, search.
const PREFIX_LABEL = /^(?:w+\d*|search)$/;

// Second-level labels under a country domain: google.co.uk, google.com.br.
const SECOND_LEVEL_LABELS = new Set(['com', 'org', 'net', 'co', 'it', 'edu']);

// The list puts a country sub-domain first or second (images.{}.ask.com).
const COUNTRY_LABEL_POSITIONS = 2;

/**
 * Builds a matcher over a search-engine list: each lookup is a few set
 * probes, whatever the size of the list.
 *
 * @param list - host patterns with `{}` for a country part
 */
export function createSearchEngineMatcher(
  list: Pick<SearchEngineList, 'hosts' | 'paths' | 'apps'>,
): SearchEngineMatcher {
  const hosts = new Set(list.hosts);
  const paths = new Map(Object.entries(list.paths));
  const apps = new Set(list.apps);

  return (origin) => {
    if (origin.kind === 'app') return apps.has(origin.app);

    return listHostPatterns(origin.host).some(
      (pattern) =>
        hosts.has(pattern) ||
        (paths.get(pattern)?.some((prefix) => isUnder(origin.path, prefix)) ??
          false),
    );
  };
}

/** Matches against Matomo's list, shipped in `search-engines.data.json`. */
export const isSearchEngine = createSearchEngineMatcher(SEARCH_ENGINES);

/**
 * Lists the patterns a lower-case host can match, most specific first.
 *
 * The host is tried as it is and reduced the way Matomo reduces it: without
 * a leading `www.`/`search.` label and without `m.` labels. Each form is
 * tried as is, with its country domain as `{}` (`google.co.uk` gives
 * `google.{}`), and with a leading country label as `{}`
 * (`uk.search.yahoo.com` gives `{}.search.yahoo.com`).
 */
export function listHostPatterns(host: string): string[] {
  const labels = host.split('.');
  const reduced = reduceLabels(labels);
  const forms = reduced.length === labels.length ? [labels] : [labels, reduced];

  return forms.flatMap((form) => [
    form.join('.'),
    ...replaceCountryDomain(form),
    ...replaceCountryLabels(form),
  ]);
}

function reduceLabels(labels: string[]): string[] {
  const [first = '', ...rest] = labels;
  const unprefixed =
    PREFIX_LABEL.test(first) && rest.length >= 2 ? rest : labels;
  const last = unprefixed.length - 1;

  return unprefixed.filter((label, index) => label !== 'm' || index === last);
}

function replaceCountryDomain(labels: string[]): string[] {
  const last = labels.length - 1;
  if (last < 1 || !COUNTRY_CODES.has(labels[last] ?? '')) return [];

  const secondLevel =
    last >= 2 && SECOND_LEVEL_LABELS.has(labels[last - 1] ?? '');
  const kept = labels.slice(0, secondLevel ? last - 1 : last);
  return [[...kept, COUNTRY].join('.')];
}

function replaceCountryLabels(labels: string[]): string[] {
  const positions = Math.min(COUNTRY_LABEL_POSITIONS, labels.length - 2);
  const patterns: string[] = [];
  for (let index = 0; index < positions; index++) {
    if (!COUNTRY_CODES.has(labels[index] ?? '')) continue;

    patterns.push(labels.with(index, COUNTRY).join('.'));
  }

  return patterns;
}

function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}
