import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import {
  findLockMismatches,
  findLoosePins,
  readAuditOutcome,
} from '../../scripts/check-supply-chain.ts';

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const manifest = readJson('package.json');
const lock = readJson('package-lock.json');

describe('findLoosePins', () => {
  it('finds no range in the project manifest', () => {
    // Act
    const findings = findLoosePins(manifest);

    // Assess
    expect(findings).toEqual([]);
  });

  it('names every dependency not pinned to one version', () => {
    // Prepare
    const loose = {
      dependencies: { caret: '^1.0.0', exact: '1.2.3', tag: 'latest' },
      devDependencies: { tilde: '~1.0.0', x: '1.x', pre: '2.0.0-rc.1' },
      optionalDependencies: { git: 'git+ssh://host/repo.git', any: '*' },
    };

    // Act
    const findings = findLoosePins(loose);

    // Assess
    expect(findings.map((finding) => finding.split(' ')[0])).toEqual([
      'caret',
      'tag',
      'tilde',
      'x',
      'git',
      'any',
    ]);
  });
});

describe('findLockMismatches', () => {
  it('finds the project lock file pinning what the manifest pins', () => {
    // Act
    const findings = findLockMismatches(manifest, lock);

    // Assess
    expect(findings).toEqual([]);
  });

  it('names a drifted pin and a package without integrity', () => {
    // Prepare
    const drifted = structuredClone(lock);
    drifted.packages['node_modules/valibot'].version = '0.0.1';
    delete drifted.packages['node_modules/fauxqs'].integrity;

    // Act
    const findings = findLockMismatches(manifest, drifted);

    // Assess
    expect(findings).toEqual([
      `valibot ${manifest.dependencies.valibot} is locked as 0.0.1`,
      'node_modules/fauxqs has no integrity hash in the lock file',
    ]);
  });
});

describe('readAuditOutcome', () => {
  it('blocks on high and critical advisories only', () => {
    // Prepare
    const report = {
      auditReportVersion: 2,
      vulnerabilities: {
        low: { severity: 'low' },
        mid: { severity: 'moderate' },
        bad: { severity: 'high' },
        worst: { severity: 'critical' },
      },
    };

    // Act
    const outcome = readAuditOutcome(JSON.stringify(report));

    // Assess
    expect(outcome).toEqual({
      kind: 'advisories',
      findings: ['bad has a high advisory', 'worst has a critical advisory'],
    });
  });

  it('passes a report without advisories', () => {
    // Act
    const outcome = readAuditOutcome(
      JSON.stringify({ auditReportVersion: 2, vulnerabilities: {} }),
    );

    // Assess
    expect(outcome).toEqual({ kind: 'clean' });
  });

  it.each([
    [
      { statusCode: 405, message: '405 Method Not Allowed' },
      'audit endpoint answered 405',
    ],
    [{ error: { code: 'ENOTFOUND', summary: 'no host' } }, 'ENOTFOUND'],
  ])('reports an audit that could not run: %j', (answer, reason) => {
    // Act
    const outcome = readAuditOutcome(JSON.stringify(answer));

    // Assess
    expect(outcome).toEqual({ kind: 'unavailable', reason });
  });

  it('reports output that is not a report as an audit that could not run', () => {
    // Act
    const outcome = readAuditOutcome('npm error network');

    // Assess
    expect(outcome).toEqual({ kind: 'unavailable', reason: 'no audit report' });
  });
});
