import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { buildVisitMessage } from '../../lib/agent/build-visit-message.ts';
import {
  parseVisitBody,
  type VisitParseResult,
} from '../../lib/visit/parse-visit-body.ts';
import { createVisitSchema, type Visit } from '../../lib/visit/visit.schema.ts';
import {
  hostileBody,
  hostileText,
  LATEST_VISIT_MS,
  NOW,
  validVisitBody,
} from './visit-arbitraries.ts';

const now = () => NOW;
const schema = createVisitSchema(now);

/** The body a stored visit would be sent as again. */
function writeBodyOf(visit: Visit): string {
  return JSON.stringify({
    type: visit.type,
    created_at: visit.createdAt,
    ip: visit.ip,
    url: visit.url,
  });
}

const accepted = (result: VisitParseResult) =>
  result.success ? result.visit : undefined;

const anyBody = fc.oneof(validVisitBody, hostileBody);

const occurredAt = fc.oneof(
  fc.integer({ min: 0, max: LATEST_VISIT_MS + 10 }),
  fc.constantFrom(NOW, LATEST_VISIT_MS, LATEST_VISIT_MS + 1, -1),
);

const fieldValue = fc.oneof(
  hostileText,
  fc.ipV4(),
  fc.ipV6(),
  fc.webUrl(),
  fc.domain(),
  fc.constantFrom(
    'https://user:pass@example.com/',
    `http://a/${'é'.repeat(400)}`,
  ),
);

describe('parseVisitBody', () => {
  it('reads a stored visit, written back as a body, as the same visit', () => {
    fc.assert(
      fc.property(anyBody, (body) => {
        // Prepare
        const first = accepted(parseVisitBody(body, schema));
        fc.pre(first !== undefined);

        // Act
        const again = parseVisitBody(writeBodyOf(first as Visit), schema);

        // Assess
        expect(again).toEqual({ success: true, visit: first });
      }),
      { numRuns: 400 },
    );
  });
});

describe('buildVisitMessage and the processor', () => {
  it('enqueues exactly the visits the processor accepts, normalized alike', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('direct', 'referrer'),
        fieldValue,
        occurredAt,
        (type, value, time) => {
          // Prepare
          const field = type === 'direct' ? 'ip' : 'url';
          const raw = JSON.stringify({
            type,
            created_at: time,
            [field]: value,
          });

          // Act
          const agent = buildVisitMessage(
            { type, [field]: value, occurredAt: time },
            { now },
          );
          const processor = parseVisitBody(raw, schema);

          // Assess
          if (value === '') {
            expect(agent).toEqual({
              outcome: 'invalid',
              field,
              reason: 'missing',
            });
            return;
          }
          expect(agent.outcome).toBe(processor.success ? 'enqueue' : 'invalid');
          if (agent.outcome === 'enqueue' && processor.success) {
            const sent = parseVisitBody(JSON.stringify(agent.message), schema);
            expect(sent).toEqual(processor);
          }
          if (agent.outcome === 'invalid') {
            expect(['ip', 'url', 'created_at']).toContain(agent.field);
            expect(agent.reason).toMatch(/^[a-z0-9_]+$/);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
