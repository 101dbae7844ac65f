import { describe, expect, it } from '@jest/globals';
import { buildInvalidBodies } from '../../../lib/cli/demo/invalid-bodies.ts';
import { parseVisitBody } from '../../../lib/visit/parse-visit-body.ts';
import { createVisitSchema } from '../../../lib/visit/visit.schema.ts';

const NOW = Date.UTC(2025, 0, 1);

describe('buildInvalidBodies', () => {
  it('builds the number of bodies asked for, cycling through kinds', () => {
    // Act
    const bodies = buildInvalidBodies(20, NOW);

    // Assess
    expect(bodies).toHaveLength(20);
    expect(new Set(bodies.map((body) => body.kind)).size).toBe(8);
  });

  it("builds only bodies the processor's parser refuses", () => {
    // Prepare
    const schema = createVisitSchema(() => NOW);

    // Act
    const results = buildInvalidBodies(8, NOW).map(({ kind, body }) => ({
      kind,
      success: parseVisitBody(body, schema).success,
    }));

    // Assess
    expect(results.filter((result) => result.success)).toEqual([]);
  });
});
