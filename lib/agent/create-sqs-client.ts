import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * Builds the SQS client from the standard AWS configuration: region from
 * `AWS_REGION`, endpoint from `AWS_ENDPOINT_URL` (or
 * `AWS_ENDPOINT_URL_SQS`) when set, which is how LocalStack points its
 * Lambdas at itself. Connections are kept alive between invocations.
 */
export function createSqsClient(): SQSClient {
  return new SQSClient({
    requestHandler: {
      httpAgent: { keepAlive: true },
      httpsAgent: { keepAlive: true },
    },
  });
}
