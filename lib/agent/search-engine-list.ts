import * as v from 'valibot';

/** Where the search-engine list comes from; repeated in the generated file. */
export const SEARCH_ENGINE_SOURCE = {
  repository: 'matomo-org/searchengine-and-social-list',
  path: 'SearchEngines.yml',
  commit: '3b3a82dc83cd146abe17aafe31254de1c25f7844',
  license: 'CC0-1.0',
} as const;

/** The part of Matomo's `SearchEngines.yml` the agent reads. */
export const SearchEngineDefinitionsSchema = v.record(
  v.string(),
  v.array(v.object({ urls: v.array(v.string()) })),
);

/**
 * The compact form the agent loads: host patterns (`{}` for a country
 * part), path prefixes for hosts that are a search engine only under a
 * path, and the Android apps that send `android-app://` referrers.
 */
export type SearchEngineList = {
  source: typeof SEARCH_ENGINE_SOURCE;
  hosts: string[];
  paths: Record<string, string[]>;
  apps: string[];
};

const APP_PREFIX = 'android-app//';

/**
 * Reduces Matomo's search-engine definitions to sorted host patterns.
 *
 * A pattern with a path is kept only when its host is not a search engine
 * by itself, since the host alone already matches every path.
 *
 * @param definitions - the parsed YAML document
 */
export function buildSearchEngineList(definitions: unknown): SearchEngineList {
  const engines = v.parse(SearchEngineDefinitionsSchema, definitions);
  const patterns = Object.values(engines).flatMap((configurations) =>
    configurations.flatMap(({ urls }) => urls),
  );

  const hosts = new Set<string>();
  const paths = new Map<string, Set<string>>();
  const apps = new Set<string>();
  for (const raw of patterns) {
    const pattern = raw.trim().toLowerCase();
    if (pattern.startsWith(APP_PREFIX)) {
      apps.add(pattern.slice(APP_PREFIX.length).split('/')[0] ?? '');
      continue;
    }

    const slash = pattern.indexOf('/');
    if (slash === -1) {
      hosts.add(pattern);
      continue;
    }
    const host = pattern.slice(0, slash);
    const path = pattern.slice(slash).replace(/\/+$/, '');
    paths.set(host, (paths.get(host) ?? new Set()).add(path));
  }

  return {
    source: SEARCH_ENGINE_SOURCE,
    hosts: [...hosts].sort(),
    paths: Object.fromEntries(
      [...paths]
        .filter(([host]) => !hosts.has(host))
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([host, prefixes]) => [host, [...prefixes].sort()]),
    ),
    apps: [...apps].filter(Boolean).sort(),
  };
}
