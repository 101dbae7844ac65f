/** No server answered at the SQS endpoint; `cause` holds the socket error. */
export class SqsUnreachableError extends Error {
  override name = 'SqsUnreachableError';
  readonly endpoint: string;

  constructor(endpoint: string, options: ErrorOptions) {
    super(
      `no SQS at ${endpoint}: start \`traffic emulator\`, ` +
        'or pass --endpoint or --aws',
      options,
    );
    this.endpoint = endpoint;
  }
}
