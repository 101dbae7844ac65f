import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import {
  buildSearchEngineList,
  SEARCH_ENGINE_SOURCE,
} from '../../lib/agent/search-engine-list.ts';

const run = promisify(execFile);

const YAML_FILE = new URL(
  '../../lib/agent/data/matomo-SearchEngines.yml',
  import.meta.url,
);
const JSON_FILE = new URL(
  '../../lib/agent/search-engines.data.json',
  import.meta.url,
);

describe('buildSearchEngineList', () => {
  it('matches the generated file committed beside the YAML', () => {
    // Prepare
    const definitions = parse(readFileSync(YAML_FILE, 'utf8'));

    // Act
    const list = buildSearchEngineList(definitions);

    // Assess
    expect(`${JSON.stringify(list, null, 2)}\n`).toBe(
      readFileSync(JSON_FILE, 'utf8'),
    );
  });

  it('keeps every host pattern of the source', () => {
    // Prepare
    const definitions = parse(readFileSync(YAML_FILE, 'utf8'));

    // Act
    const list = buildSearchEngineList(definitions);

    // Assess
    expect(list.source).toEqual(SEARCH_ENGINE_SOURCE);
    expect(list.hosts).toEqual(
      expect.arrayContaining([
        'google.com',
        'google.{}',
        'images.google.com',
        '{}.search.yahoo.com',
        'r.duckduckgo.com',
      ]),
    );
    expect(list.hosts.length).toBeGreaterThan(600);
    expect(list.apps).toEqual(['com.google.android.googlequicksearchbox']);
  });

  it('splits paths off and drops those under a host that matches alone', () => {
    // Prepare
    const definitions = {
      A: [{ urls: ['Engine.TEST', 'engine.test/images', 'portal.test/find/'] }],
      B: [{ urls: ['android-app//org.example.search/https/example.org'] }],
    };

    // Act
    const list = buildSearchEngineList(definitions);

    // Assess
    expect(list.hosts).toEqual(['engine.test']);
    expect(list.paths).toEqual({ 'portal.test': ['/find'] });
    expect(list.apps).toEqual(['org.example.search']);
  });

  it('refuses a document that is not a list of engines', () => {
    // Act
    const build = () => buildSearchEngineList({ A: [{ hosts: ['x.test'] }] });

    // Assess
    expect(build).toThrow();
  });
});

describe('scripts/search-engines.ts', () => {
  it('reports the generated file up to date', async () => {
    // Act
    const { stdout } = await run(process.execPath, [
      'scripts/search-engines.ts',
      '--check',
    ]);

    // Assess
    expect(JSON.parse(stdout)).toEqual({
      message: 'search engines checked',
      upToDate: true,
    });
  });
});
