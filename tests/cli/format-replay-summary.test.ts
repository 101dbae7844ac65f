import { describe, expect, it } from '@jest/globals';
import {
  describeReplayWarnings,
  formatReplaySummary,
} from '../../lib/cli/format-replay-summary.ts';
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

describe('describeReplayWarnings', () => {
  const summary = (changes: Partial<ReplaySummary>): ReplaySummary => ({
    lines: 10,
    direct: 8,
    referrer: 0,
    sameSite: 0,
    unparseable: { count: 2, lines: [1, 2], reasons: { empty: 2 } },
    invalid: { count: 0, lines: [], reasons: {} },
    sent: 8,
    failed: { count: 0, lines: [], reasons: {} },
    ...changes,
  });

  it('warns of nothing when most lines parse', () => {
    // Act
    const warnings = describeReplayWarnings(summary({}));

    // Assess
    expect(warnings).toEqual([]);
  });

  it('asks whether the file is an access log when most lines are unparseable', () => {
    // Act
    const warnings = describeReplayWarnings(
      summary({
        unparseable: { count: 6, lines: [1], reasons: { empty: 6 } },
      }),
    );

    // Assess
    expect(warnings).toEqual([
      expect.stringContaining('most lines are not combined-format'),
    ]);
  });

  it('says how far an interrupted replay went', () => {
    // Act
    const warnings = describeReplayWarnings(summary({ interrupted: true }));

    // Assess
    expect(warnings).toEqual([
      'interrupted after line 10: 8 visits were sent, the rest of the log was not read',
    ]);
  });
});
