import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

export interface LambdaContextOptions {
  functionName: string;
  region: string;
  accountId: string;
  timeoutMs: number;
  memoryLimitInMB?: number;
  now?: () => number;
}

/**
 * Builds the context object Lambda passes with one invocation: a fresh
 * request id and a deadline `timeoutMs` from now.
 *
 * The Node.js 24 runtime has no callbacks, so neither does this context.
 */
export function createLambdaContext({
  functionName,
  region,
  accountId,
  timeoutMs,
  memoryLimitInMB = 128,
  now = Date.now,
}: LambdaContextOptions): Context {
  const deadline = now() + timeoutMs;
  const day = new Date(now()).toISOString().slice(0, 10).replaceAll('-', '/');

  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${functionName}`,
    memoryLimitInMB: String(memoryLimitInMB),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
  } as Context;
}
