/** A credential found in a text, located but never repeated. */
export type SecretFinding = {
  line: number;
  kind: 'aws_access_key_id' | 'aws_secret_access_key';
};

// AWS access key ids: long-term (AKIA) and temporary (ASIA).
const ACCESS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g;

// A 40-character secret assigned to a name that says it is one, in JSON,
// YAML, HCL, shell or code: `aws_secret_access_key = "..."`,
// `secretAccessKey: '...'`, `SECRET=...`.
const SECRET_ASSIGNMENT = new RegExp(
  [
    `(?:aws_?)?secret(?:_?access)?(?:_?key)?["']?`,
    String.raw`\s*(?::|=>?)\s*["']?`,
    '([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])',
  ].join(''),
  'gi',
);

/**
 * Finds AWS access key ids and 40-character secret access keys in a text.
 *
 * The emulators' placeholder credentials (`test` / `test`) are not keys
 * and never match.
 */
export function findSecrets(text: string): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;

  for (const match of text.matchAll(ACCESS_KEY_ID)) {
    findings.push({ line: lineOf(match.index), kind: 'aws_access_key_id' });
  }
  for (const match of text.matchAll(SECRET_ASSIGNMENT)) {
    findings.push({
      line: lineOf(match.index),
      kind: 'aws_secret_access_key',
    });
  }

  return findings.sort((a, b) => a.line - b.line);
}
