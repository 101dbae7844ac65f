import {
  parseVisitBody,
  type VisitParseResult,
} from '../visit/parse-visit-body.ts';
import {
  createVisitSchema,
  type VisitMessage,
  type VisitSchema,
} from '../visit/visit.schema.ts';

const DEFAULT_SCHEMA = createVisitSchema(() => Date.now());

const schemasByClock = new WeakMap<() => number, VisitSchema>();

/** A message body ready to send, with the visit the processor will read. */
export type SerializedVisit =
  | { success: true; body: string }
  | Extract<VisitParseResult, { success: false }>;

/**
 * Turns a message into the exact body the queue receives, after checking
 * that body with the processor's own parser.
 *
 * @param schema - defaults to the contract's schema on the system clock
 */
export function serializeVisitMessage(
  message: VisitMessage,
  schema: VisitSchema = DEFAULT_SCHEMA,
): SerializedVisit {
  const body = JSON.stringify(message);
  const parsed = parseVisitBody(body, schema);

  return parsed.success ? { success: true, body } : parsed;
}

/**
 * The schema to check messages with, on `now` or the system clock; built
 * once per clock.
 */
export function resolveVisitSchema(now?: () => number): VisitSchema {
  if (now === undefined) return DEFAULT_SCHEMA;

  const schema = schemasByClock.get(now) ?? createVisitSchema(now);
  schemasByClock.set(now, schema);
  return schema;
}
