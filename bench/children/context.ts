import type { Context } from 'aws-lambda';

const TIMEOUT_MS = 30_000;

/** A Lambda context as the runtime passes it, with a fixed deadline. */
export function buildLambdaContext(functionName: string): Context {
  const deadline = Date.now() + TIMEOUT_MS;

  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: 'bench-invocation',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'bench',
    getRemainingTimeInMillis: () => deadline - Date.now(),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
