import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { classifyReferrer } from '../../lib/agent/classify-referrer.ts';

const SITE = 'semicomplete.com';

describe('classifyReferrer', () => {
  it.each([undefined, ''])(
    'classifies a missing referrer (%p) as direct',
    (referrer) => {
      // Act
      const result = classifyReferrer(referrer, SITE);

      // Assess
      expect(result).toBe('direct');
    },
  );

  it.each([
    // Google hosts seen in the sample access log.
    'http://www.google.com/',
    'https://www.google.fr/',
    'https://www.google.de/url?sa=t',
    'https://www.google.co.uk/',
    'https://www.google.co.in/',
    'https://www.google.com.hk/',
    'https://www.google.com.br/',
    'https://www.google.com.tr/',
    'https://www.google.co.kr/',
    'https://www.google.ca/',
    'https://images.google.com/',
    'https://google.fr/',
    'https://r.duckduckgo.com/',
    'http://search.daum.net/search?q=logstash',
    // Country as a sub-domain, mobile hosts, search under a path.
    'https://uk.search.yahoo.com/search?p=x',
    'https://de.search.yahoo.com/',
    'https://images.uk.ask.com/',
    'https://m.bing.com/search?q=x',
    'https://www.bing.com/images/search?q=x',
    'https://yandex.ru/search/?text=x',
    'https://www.baidu.com/s?wd=x',
    'http://apollo.lv/portal/search/?q=x',
    'android-app://com.google.android.googlequicksearchbox/https/www.google.com',
  ])('classifies search engine %s as direct', (referrer) => {
    // Act
    const result = classifyReferrer(referrer, SITE);

    // Assess
    expect(result).toBe('direct');
  });

  it.each([
    'https://stackoverflow.com/questions/1',
    'https://unix.stackexchange.com/a/2',
    'https://en.wikipedia.org/wiki/Logstash',
    'https://t.co/AbC',
    'http://kufli.blogspot.de/2013/05/x.html',
    'http://www.linux.org.ru/forum/',
    'https://google.blogspot.com/',
    'https://notgoogle.com/',
    'http://apollo.lv/news/',
    'https://ijavascript.cn/',
  ])('classifies another site %s as referrer', (referrer) => {
    // Act
    const result = classifyReferrer(referrer, SITE);

    // Assess
    expect(result).toBe('referrer');
  });

  it.each([
    'http://semicomplete.com/articles/',
    'http://www.semicomplete.com/blog/',
    'HTTP://WWW.SemiComplete.COM/Blog/',
    'http://semicomplete.com:8080/',
    'http://semicomplete.com./',
    'https://www.semicomplete.com.:443/x?y#z',
    'semicomplete.com/projects/',
    'www.semicomplete.com',
    '//semicomplete.com/a',
    'https://user:pass@semicomplete.com/',
  ])('classifies a page of the site %s as same_site', (referrer) => {
    // Act
    const result = classifyReferrer(referrer, SITE);

    // Assess
    expect(result).toBe('same_site');
  });

  it.each([
    'WWW.Semicomplete.com',
    'https://www.semicomplete.com/',
    'semicomplete.com.',
    'semicomplete.com:443',
  ])('reads the site %s like a referrer host', (site) => {
    // Act
    const result = classifyReferrer('http://semicomplete.com/a', site);

    // Assess
    expect(result).toBe('same_site');
  });

  it('matches any of several site hosts', () => {
    // Act
    const results = ['https://example.org/', 'https://blog.example.net/'].map(
      (referrer) =>
        classifyReferrer(referrer, ['example.org', 'blog.example.net']),
    );

    // Assess
    expect(results).toEqual(['same_site', 'same_site']);
  });

  it.each([
    ['a sub-domain of the site', 'https://blog.semicomplete.com/'],
    ['a host ending like the site', 'https://notsemicomplete.com/'],
    ['the site as a sub-domain', 'https://semicomplete.com.evil.test/'],
  ])('treats %s as another site', (_label, referrer) => {
    // Act
    const result = classifyReferrer(referrer, SITE);

    // Assess
    expect(result).toBe('referrer');
  });

  it('treats every non-search referrer as another site without a site', () => {
    // Act
    const result = classifyReferrer('https://semicomplete.com/');

    // Assess
    expect(result).toBe('referrer');
  });

  it('checks the site before the search engines', () => {
    // Act
    const result = classifyReferrer(
      'https://www.google.com/maps',
      'google.com',
    );

    // Assess
    expect(result).toBe('same_site');
  });

  it('never matches a site it cannot read', () => {
    // Act
    const result = classifyReferrer(
      'https://example.com/',
      'ftp://example.com',
    );

    // Assess
    expect(result).toBe('referrer');
  });

  it.each([
    'http://',
    'https://[::1',
    'javascript:alert(1)',
    'ftp://files.example.org/',
    'http://exa mple.com/',
    'https://www.example.org/\r\nSet-Cookie: a=b',
    'android-app://',
  ])('classifies the unreadable referrer %j as direct', (referrer) => {
    // Act
    const result = classifyReferrer(referrer, SITE);

    // Assess
    expect(result).toBe('direct');
  });

  it.each([
    [`https://www.google.com/search?q=${'a'.repeat(3000)}`, 'direct'],
    [`https://example.org/${'a'.repeat(3000)}`, 'referrer'],
    [`https://www.semicomplete.com/?q=${'a'.repeat(3000)}`, 'same_site'],
  ])(
    'reads the host of a referrer longer than a stored URL',
    (referrer, expected) => {
      // Act
      const result = classifyReferrer(referrer, SITE);

      // Assess
      expect(result).toBe(expected);
    },
  );

  it('classifies a link from another Android app as referrer', () => {
    // Act
    const result = classifyReferrer('android-app://com.slack/', SITE);

    // Assess
    expect(result).toBe('referrer');
  });

  it('splits the sample access log as its published breakdown says', () => {
    // Prepare
    const log = new URL('../../data/access-sample.log', import.meta.url);
    const referrers = readFileSync(log, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => line.split('"')[3]);

    // Act
    const counts: Record<string, number> = {};
    for (const referrer of referrers) {
      const result = classifyReferrer(
        referrer === '-' ? undefined : referrer,
        SITE,
      );
      counts[result] = (counts[result] ?? 0) + 1;
    }

    // Assess
    expect(counts).toEqual({ same_site: 956, direct: 872 + 129, referrer: 43 });
  });
});
