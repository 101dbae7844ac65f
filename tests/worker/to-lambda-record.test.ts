import { describe, expect, it } from '@jest/globals';
import { toLambdaRecord } from '../../lib/worker/to-lambda-record.ts';

const SOURCE = {
  queueArn: 'arn:aws:sqs:us-east-1:000000000000:traffic-queue',
  region: 'us-east-1',
};

describe('toLambdaRecord', () => {
  it('shapes a received message like a Lambda SQS record', () => {
    // Prepare
    const message = {
      MessageId: 'm-1',
      ReceiptHandle: 'r-1',
      Body: '{"type":"direct"}',
      MD5OfBody: 'abc',
      Attributes: {
        SenderId: '000000000000',
        SentTimestamp: '1000',
        ApproximateReceiveCount: '2',
        ApproximateFirstReceiveTimestamp: '1001',
      },
    };

    // Act
    const record = toLambdaRecord(message, SOURCE);

    // Assess
    expect(record).toEqual({
      messageId: 'm-1',
      receiptHandle: 'r-1',
      body: '{"type":"direct"}',
      attributes: {
        ApproximateReceiveCount: '2',
        SentTimestamp: '1000',
        SenderId: '000000000000',
        ApproximateFirstReceiveTimestamp: '1001',
      },
      messageAttributes: {},
      md5OfBody: 'abc',
      eventSource: 'aws:sqs',
      eventSourceARN: SOURCE.queueArn,
      awsRegion: 'us-east-1',
    });
    expect(record).not.toHaveProperty('md5OfMessageAttributes');
  });

  it('converts message attributes to camel case with base64 binaries', () => {
    // Prepare
    const message = {
      MessageId: 'm-2',
      ReceiptHandle: 'r-2',
      Body: 'x',
      MD5OfBody: 'def',
      MD5OfMessageAttributes: '123',
      MessageAttributes: {
        source: { DataType: 'String', StringValue: 'replay' },
        blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 255]) },
      },
    };

    // Act
    const record = toLambdaRecord(message, SOURCE);

    // Assess
    expect(record.messageAttributes).toEqual({
      source: {
        stringValue: 'replay',
        stringListValues: [],
        binaryListValues: [],
        dataType: 'String',
      },
      blob: {
        binaryValue: 'AQL/',
        stringListValues: [],
        binaryListValues: [],
        dataType: 'Binary',
      },
    });
    expect(record.md5OfMessageAttributes).toBe('123');
  });

  it('keeps FIFO and trace attributes SQS returned', () => {
    // Prepare
    const message = {
      MessageId: 'm-3',
      ReceiptHandle: 'r-3',
      Body: 'x',
      Attributes: { MessageGroupId: 'g', AWSTraceHeader: 'Root=1' },
    };

    // Act
    const record = toLambdaRecord(message, SOURCE);

    // Assess
    expect(record.attributes.MessageGroupId).toBe('g');
    expect(record.attributes.AWSTraceHeader).toBe('Root=1');
  });
});
