/** Base of the agent's errors. */
export class AgentError extends Error {
  override name = 'AgentError';
}

/** A setting of the agent is missing or unusable. */
export class AgentConfigurationError extends AgentError {
  override name = 'AgentConfigurationError';
  readonly setting: string;
  readonly reason: string;

  constructor(setting: string, reason: string) {
    super(`${setting} is ${reason.replaceAll('_', ' ')}`);
    this.setting = setting;
    this.reason = reason;
  }
}

/** A message the processor would reject; it is never sent. */
export class InvalidVisitError extends AgentError {
  override name = 'InvalidVisitError';
  readonly field: string;
  readonly reason: string;

  constructor(field: string, reason: string) {
    super('invalid visit message');
    this.field = field;
    this.reason = reason;
  }
}

/** The traffic queue did not take a visit; `cause` holds why. */
export class VisitEnqueueError extends AgentError {
  override name = 'VisitEnqueueError';

  constructor(options?: ErrorOptions) {
    super('visit not enqueued', options);
  }
}
