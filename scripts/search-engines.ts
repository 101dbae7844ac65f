import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { buildSearchEngineList } from '../lib/agent/search-engine-list.ts';

/**
 * Generates `lib/agent/search-engines.data.json` from the copy of Matomo's
 * `SearchEngines.yml` kept beside it. With `--check`, compares instead of
 * writing and exits 1 when the generated file is out of date.
 */
const SOURCE = 'lib/agent/data/matomo-SearchEngines.yml';
const TARGET = 'lib/agent/search-engines.data.json';

const list = buildSearchEngineList(parse(readFileSync(SOURCE, 'utf8')));
const json = `${JSON.stringify(list, null, 2)}\n`;

if (process.argv.includes('--check')) {
  const current = readFileSync(TARGET, 'utf8');
  const upToDate = current === json;
  console.log(JSON.stringify({ message: 'search engines checked', upToDate }));
  process.exitCode = upToDate ? 0 : 1;
} else {
  writeFileSync(TARGET, json);
  console.log(
    JSON.stringify({
      message: 'search engines generated',
      file: TARGET,
      hosts: list.hosts.length,
      paths: Object.keys(list.paths).length,
      apps: list.apps.length,
    }),
  );
}
