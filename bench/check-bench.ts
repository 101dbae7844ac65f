import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBenchBundles, CONTENDERS } from './build-bench-bundles.ts';
import { findDisagreements } from './equivalence/find-disagreements.ts';
import { listEquivalenceEvents } from './equivalence/list-equivalence-events.ts';

/**
 * `npm run bench:check`: builds the benchmark into a temporary folder and
 * checks that every contender returns the same failures and stores the same
 * rows; exits 1 on any disagreement. Fast enough for CI, times nothing.
 */
const dir = mkdtempSync(join(tmpdir(), 'traffic-bench-'));
try {
  const bundles = await buildBenchBundles(dir);
  const now = Date.now();
  const disagreements = await findDisagreements(bundles.sink, { now });
  const events = listEquivalenceEvents(now);

  if (disagreements.length > 0) {
    process.stderr.write(`${disagreements.join('\n')}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(
      `${Object.values(CONTENDERS).join(', ')} agree on ${events.length} events\n`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
