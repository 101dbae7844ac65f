import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * Builds the SQS client from the standard AWS configuration: region from
 * `AWS_REGION`, endpoint from `AWS_ENDPOINT_URL` (or `AWS_ENDPOINT_URL_SQS`)
 * when set, which is how LocalStack points its Lambdas at itself, else the
 * region's public endpoint. Connections are kept alive between invocations.
 *
 * The SDK would otherwise send each request to the host of the queue URL
 * rather than the configured endpoint; an emulator's queue URL often names
 * a host only it resolves, so the configured endpoint wins and the queue
 * URL only names the queue. The queue must be in the client's region.
 */
export function createAgentSqsClient(): SQSClient {
  return new SQSClient({
    useQueueUrlAsEndpoint: false,
    requestHandler: {
      httpAgent: { keepAlive: true },
      httpsAgent: { keepAlive: true },
    },
  });
}
