import { describe, expect, it } from '@jest/globals';
import {
  formatDemoReport,
  isBalanced,
} from '../../../lib/cli/demo/format-demo-report.ts';
import type { DemoReport } from '../../../lib/cli/demo/run-demo.ts';

const CONTEXT = {
  logPath: 'data/a.log',
  site: 'example.com',
  storage: 'mysql',
};

function buildReport(overrides: Partial<DemoReport> = {}): DemoReport {
  return {
    replay: {
      lines: 12,
      direct: 7,
      referrer: 2,
      sameSite: 3,
      unparseable: { count: 0, lines: [], reasons: {} },
      invalid: { count: 0, lines: [], reasons: {} },
      sent: 9,
      failed: { count: 0, lines: [], reasons: {} },
    },
    invalidSent: 2,
    sent: 11,
    stored: { direct: 7, referrer: 2 },
    redelivered: 0,
    deadLettered: 2,
    drained: true,
    durationMs: 2000,
    storingMs: 1000,
    ...overrides,
  };
}

describe('isBalanced', () => {
  it('holds when stored and dead-lettered add up to sent', () => {
    // Act
    const balanced = isBalanced(buildReport());

    // Assess
    expect(balanced).toBe(true);
  });

  it('fails when a message is missing', () => {
    // Act
    const balanced = isBalanced(buildReport({ deadLettered: 1 }));

    // Assess
    expect(balanced).toBe(false);
  });

  it('fails when the queue never drained', () => {
    // Act
    const balanced = isBalanced(buildReport({ drained: false }));

    // Assess
    expect(balanced).toBe(false);
  });
});

describe('formatDemoReport', () => {
  it('ends with the verdict and shows rates', () => {
    // Act
    const text = formatDemoReport(buildReport(), CONTEXT);

    // Assess
    expect(text).toContain('  OK: stored 9 + dead-lettered 2 = sent 11');
    expect(text).toMatch(/sent\s+11 {3}9 visits \+ 2 invalid/);
    expect(text).toMatch(/throughput\s+6 {3}messages\/s overall/);
    expect(text).toMatch(
      /visits stored\s+1\.0 {3}s after the first send \(9 visits\/s\)/,
    );
  });

  it('names a mismatch', () => {
    // Act
    const text = formatDemoReport(buildReport({ deadLettered: 0 }), CONTEXT);

    // Assess
    expect(text).toContain('MISMATCH: stored 9 + dead-lettered 0 != sent 11');
  });

  it('names a queue that did not drain', () => {
    // Act
    const text = formatDemoReport(buildReport({ drained: false }), CONTEXT);

    // Assess
    expect(text).toContain(
      'NOT DRAINED: stored 9 + dead-lettered 2 of 11 sent',
    );
    expect(text).toMatch(/duration\s+2\.0 {3}s, until the timeout$/m);
    expect(text).not.toContain('until the queue drained');
  });

  it('says the duration ran until the queue drained', () => {
    // Act
    const text = formatDemoReport(buildReport(), CONTEXT);

    // Assess
    expect(text).toMatch(/duration\s+2\.0 {3}s, until the queue drained$/m);
  });

  it('lists every host of the site in the heading', () => {
    // Act
    const text = formatDemoReport(buildReport(), {
      ...CONTEXT,
      site: ['example.com', 'example.org'],
    });

    // Assess
    expect(text.split('\n')[0]).toBe(
      'traffic demo: site example.com, example.org',
    );
  });
});
