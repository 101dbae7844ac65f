/** The agent's public API, shared by the Lambda handler and the CLI. */
export { type AgentConfig, readAgentConfig } from './agent-config.ts';
export {
  AgentConfigurationError,
  AgentError,
  InvalidVisitError,
  VisitEnqueueError,
} from './agent-errors.ts';
export type { AgentResponse } from './agent-response.ts';
export {
  type BuildVisitOptions,
  buildVisitMessage,
  MAX_FIELD_LENGTH,
  MAX_REFERRER_LENGTH,
  type OutgoingVisitMessage,
  type VisitRequest,
  type VisitRequestOutcome,
} from './build-visit-message.ts';
export {
  classifyReferrer,
  REFERRER_CLASSES,
  type ReferrerClass,
} from './classify-referrer.ts';
export {
  type AgentHandler,
  type AgentOptions,
  createAgentHandler,
} from './create-agent-handler.ts';
export { createAgentSqsClient } from './create-agent-sqs-client.ts';
export { type AgentEventRead, readAgentEvent } from './read-agent-event.ts';
export { isSearchEngine } from './search-engine-matcher.ts';
export { type SendVisitOptions, sendVisit } from './send-visit.ts';
export {
  type FailedVisit,
  MAX_BATCH_ENTRIES,
  type SendVisitBatchOptions,
  type SentVisit,
  sendVisitBatch,
  type VisitBatchEntry,
  type VisitBatchResult,
} from './send-visit-batch.ts';
