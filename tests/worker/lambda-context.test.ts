import { describe, expect, it } from '@jest/globals';
import { createLambdaContext } from '../../lib/worker/lambda-context.ts';

describe('createLambdaContext', () => {
  it('counts the remaining time down to zero from the timeout', () => {
    // Prepare
    let clock = 1_000;
    const context = createLambdaContext({
      functionName: 'traffic-processor',
      region: 'eu-west-1',
      accountId: '123456789012',
      timeoutMs: 30_000,
      now: () => clock,
    });

    // Act
    clock += 10_000;
    const remaining = context.getRemainingTimeInMillis();
    clock += 60_000;
    const overdue = context.getRemainingTimeInMillis();

    // Assess
    expect(remaining).toBe(20_000);
    expect(overdue).toBe(0);
  });

  it('names the function as Lambda does', () => {
    // Act
    const context = createLambdaContext({
      functionName: 'traffic-processor',
      region: 'eu-west-1',
      accountId: '123456789012',
      timeoutMs: 1000,
    });

    // Assess
    expect(context.invokedFunctionArn).toBe(
      'arn:aws:lambda:eu-west-1:123456789012:function:traffic-processor',
    );
    expect(context.functionVersion).toBe('$LATEST');
    expect(context.logGroupName).toBe('/aws/lambda/traffic-processor');
    expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives each invocation its own request id', () => {
    // Prepare
    const options = {
      functionName: 'f',
      region: 'us-east-1',
      accountId: '000000000000',
      timeoutMs: 1000,
    };

    // Act
    const first = createLambdaContext(options);
    const second = createLambdaContext(options);

    // Assess
    expect(first.awsRequestId).not.toBe(second.awsRequestId);
  });
});
