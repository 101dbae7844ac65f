import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import type {
  SQSMessageAttribute,
  SQSMessageAttributes,
  SQSRecord,
  SQSRecordAttributes,
} from 'aws-lambda';

/** The queue a record comes from, as Lambda names it in each record. */
export interface RecordSource {
  queueArn: string;
  region: string;
}

/** A received message that carries what every Lambda record needs. */
export type ReceivedMessage = Message & {
  MessageId: string;
  ReceiptHandle: string;
};

/**
 * Turns a received SQS message into the record Lambda's event source mapping
 * would put in the event: camel-cased keys, system attributes as strings,
 * message attributes with list fields and base64 binaries.
 */
export function toLambdaRecord(
  message: ReceivedMessage,
  source: RecordSource,
): SQSRecord {
  const record: SQSRecord = {
    messageId: message.MessageId,
    receiptHandle: message.ReceiptHandle,
    body: message.Body ?? '',
    attributes: toRecordAttributes(message.Attributes ?? {}),
    messageAttributes: toMessageAttributes(message.MessageAttributes ?? {}),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: source.queueArn,
    awsRegion: source.region,
  };
  if (message.MD5OfMessageAttributes !== undefined) {
    record.md5OfMessageAttributes = message.MD5OfMessageAttributes;
  }

  return record;
}

function toRecordAttributes(
  attributes: Partial<Record<string, string>>,
): SQSRecordAttributes {
  const { ApproximateReceiveCount, SentTimestamp, SenderId } = attributes;
  const { ApproximateFirstReceiveTimestamp, ...others } = attributes;

  return {
    ...others,
    ApproximateReceiveCount: ApproximateReceiveCount ?? '1',
    SentTimestamp: SentTimestamp ?? '',
    SenderId: SenderId ?? '',
    ApproximateFirstReceiveTimestamp: ApproximateFirstReceiveTimestamp ?? '',
  } as SQSRecordAttributes;
}

function toMessageAttributes(
  attributes: Record<string, MessageAttributeValue>,
): SQSMessageAttributes {
  const converted: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(attributes)) {
    converted[name] = toMessageAttribute(value);
  }

  return converted;
}

function toMessageAttribute(value: MessageAttributeValue): SQSMessageAttribute {
  const attribute: SQSMessageAttribute = {
    stringListValues: value.StringListValues ?? [],
    binaryListValues: (value.BinaryListValues ?? []).map(toBase64),
    dataType: (value.DataType ?? 'String') as SQSMessageAttribute['dataType'],
  };
  if (value.StringValue !== undefined) {
    attribute.stringValue = value.StringValue;
  }
  if (value.BinaryValue !== undefined) {
    attribute.binaryValue = toBase64(value.BinaryValue);
  }

  return attribute;
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}
