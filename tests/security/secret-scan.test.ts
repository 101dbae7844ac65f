import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { findSecrets } from './find-secrets.ts';

/** The files git tracks, as the repository would publish them. */
function listTrackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' })
    .split('\0')
    .filter((path) => path !== '');
}

function isBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}

// Built at run time so this file holds no key-shaped text itself.
const fakeKeyId = ['AKIA', 'Z7EXAMPLEQ4WXY2K'].join('');
const fakeTemporaryKeyId = ['ASIA', 'Z7EXAMPLEQ4WXY2K'].join('');
const fakeSecret = ['wJalrXUtnFEMI/K7MDENG', '/bPxRfiCYEXAMPLEKEY'].join('');

describe('findSecrets', () => {
  it.each([
    [`aws_access_key_id = ${fakeKeyId}`, 'aws_access_key_id'],
    [`"AccessKeyId": "${fakeTemporaryKeyId}"`, 'aws_access_key_id'],
    [`aws_secret_access_key = ${fakeSecret}`, 'aws_secret_access_key'],
    [`AWS_SECRET_ACCESS_KEY: "${fakeSecret}"`, 'aws_secret_access_key'],
    [`secretAccessKey: '${fakeSecret}',`, 'aws_secret_access_key'],
    [`secret_key = "${fakeSecret}"`, 'aws_secret_access_key'],
    [`export SECRET=${fakeSecret}`, 'aws_secret_access_key'],
  ])('finds %s', (text, kind) => {
    // Act
    const findings = findSecrets(`first line\n${text}\n`);

    // Assess
    expect(findings).toEqual([{ line: 2, kind }]);
  });

  it.each([
    "{ accessKeyId: 'test', secretAccessKey: 'test' }",
    'AWS_SECRET_ACCESS_KEY: test',
    'secret_key = local.on_localstack ? "test" : null',
    `ref = ${fakeKeyId}X`,
    `sha = ${fakeSecret}`,
  ])('passes %s', (text) => {
    // Act
    const findings = findSecrets(text);

    // Assess
    expect(findings).toEqual([]);
  });
});

describe('the tracked files', () => {
  it('hold no AWS access key or secret key', () => {
    // Prepare
    const paths = listTrackedFiles();

    // Act
    const findings = paths.flatMap((path) => {
      const content = readFileSync(path);
      if (isBinary(content)) return [];

      return findSecrets(content.toString('utf8')).map(
        ({ line, kind }) => `${path}:${line} ${kind}`,
      );
    });

    // Assess
    expect(paths.length).toBeGreaterThan(50);
    expect(findings).toEqual([]);
  });
});
