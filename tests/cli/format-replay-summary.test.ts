import { describe, expect, it } from '@jest/globals';
import { formatReplaySummary } from '../../lib/cli/format-replay-summary.ts';
import type { ReplaySummary } from '../../lib/replay/replay-access-log.ts';

describe('formatReplaySummary', () => {
  it('lists each count and the first lines of each problem', () => {
    // Prepare
    const summary: ReplaySummary = {
      lines: 10,
      direct: 4,
      referrer: 1,
      sameSite: 2,
      unparseable: {
        count: 3,
        lines: [2, 5],
        reasons: { not_combined_format: 2, empty: 1 },
      },
      invalid: { count: 0, lines: [], reasons: {} },
      sent: 5,
      failed: { count: 0, lines: [], reasons: {} },
    };

    // Act
    const text = formatReplaySummary(summary, 'access.log');

    // Assess
    expect(text.split('\n')).toEqual([
      'lines             10   access.log',
      'direct             4   no referer, or a search engine',
      'referrer           1   a link on another site',
      'same-site          2   navigation within the site, not sent',
      'unparseable        3   not_combined_format 2, empty 1; lines 2, 5, ...',
      'refused            0',
      'sent               5',
      'failed             0',
    ]);
  });
});
