import { describe, expect, it } from '@jest/globals';
import type { ReferrerOrigin } from '../../lib/agent/read-referrer.ts';
import {
  createSearchEngineMatcher,
  isSearchEngine,
  listHostPatterns,
} from '../../lib/agent/search-engine-matcher.ts';

function web(host: string, path = '/'): ReferrerOrigin {
  return { kind: 'web', host, path };
}

describe('listHostPatterns', () => {
  it.each([
    ['google.fr', ['google.fr', 'google.{}']],
    [
      'www.google.co.uk',
      ['www.google.co.uk', 'www.google.{}', 'google.co.uk', 'google.{}'],
    ],
    [
      'www.google.com.hk',
      ['www.google.com.hk', 'www.google.{}', 'google.com.hk', 'google.{}'],
    ],
    ['uk.search.yahoo.com', ['uk.search.yahoo.com', '{}.search.yahoo.com']],
    ['images.uk.ask.com', ['images.uk.ask.com', 'images.{}.ask.com']],
    ['m.bing.com', ['m.bing.com', 'bing.com']],
    ['search.daum.net', ['search.daum.net', 'daum.net']],
    ['www2.google.com', ['www2.google.com', 'google.com']],
    ['co.uk', ['co.uk', 'co.{}']],
    ['example.com', ['example.com']],
  ])('reduces %s to its candidate patterns', (host, patterns) => {
    // Act
    const result = listHostPatterns(host);

    // Assess
    expect(result).toEqual(patterns);
  });

  it('keeps a two-label host whole rather than strip it to a bare domain', () => {
    // Act
    const result = listHostPatterns('www.com');

    // Assess
    expect(result).toEqual(['www.com']);
  });

  it('bounds the work on a host with thousands of labels', () => {
    // Prepare
    const host = `${'de.'.repeat(1000)}example.com`;

    // Act
    const result = listHostPatterns(host);

    // Assess
    expect(result.length).toBeLessThanOrEqual(8);
  });
});

describe('createSearchEngineMatcher', () => {
  const matches = createSearchEngineMatcher({
    hosts: ['engine.test', 'look.{}', '{}.find.test'],
    paths: { 'portal.test': ['/search'], 'portal.{}': ['/find'] },
    apps: ['org.example.search'],
  });

  it.each([
    web('engine.test'),
    web('www.engine.test'),
    web('look.de'),
    web('look.com.br'),
    web('fr.find.test'),
    web('portal.test', '/search'),
    web('portal.test', '/search/results'),
    web('portal.co.uk', '/find'),
    { kind: 'app', app: 'org.example.search' } as const,
  ])('matches %j', (origin) => {
    // Act
    const result = matches(origin);

    // Assess
    expect(result).toBe(true);
  });

  it.each([
    web('other.test'),
    web('look.com'),
    web('xx.find.test'),
    web('portal.test'),
    web('portal.test', '/searching'),
    web('notengine.test'),
    { kind: 'app', app: 'org.example.chat' } as const,
  ])('does not match %j', (origin) => {
    // Act
    const result = matches(origin);

    // Assess
    expect(result).toBe(false);
  });
});

describe('isSearchEngine', () => {
  it.each([
    'www.google.com',
    'www.google.co.mz',
    'images.google.com',
    'images.google.de',
    'scholar.google.com.au',
    'r.duckduckgo.com',
    'duckduckgo.com',
    'search.daum.net',
    'www.bing.com',
    'yandex.com.tr',
    'es.search.yahoo.com',
    'www.ecosia.org',
  ])('finds %s in the shipped list', (host) => {
    // Act
    const result = isSearchEngine(web(host));

    // Assess
    expect(result).toBe(true);
  });

  it.each([
    'stackoverflow.com',
    'en.wikipedia.org',
    't.co',
    'semicomplete.com',
  ])('does not find %s in the shipped list', (host) => {
    // Act
    const result = isSearchEngine(web(host));

    // Assess
    expect(result).toBe(false);
  });
});
