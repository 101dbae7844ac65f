/** The agent's answer, shaped for function URLs, HTTP APIs and invokers. */
export type AgentResponse = {
  statusCode: number;
  headers: Record<string, string>;
  body?: string;
};

const HEADERS = {
  'content-type': 'application/json',
  'cache-control': 'no-store',
};

/** 202: the visit is on the queue. */
export function respondEnqueued(messageId: string): AgentResponse {
  return answer(202, { messageId });
}

/** 204: internal navigation, not a new visit; nothing was enqueued. */
export function respondNotAVisit(): AgentResponse {
  return { statusCode: 204, headers: { 'cache-control': 'no-store' } };
}

/** 400 naming the field at fault, or 405 for a method other than GET/POST. */
export function respondInvalid(field: string, reason: string): AgentResponse {
  if (field === 'method') return answer(405, { error: 'method_not_allowed' });

  return answer(400, { error: 'invalid_visit', field, reason });
}

function answer(statusCode: number, body: object): AgentResponse {
  return { statusCode, headers: { ...HEADERS }, body: JSON.stringify(body) };
}
