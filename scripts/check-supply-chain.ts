import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Checks the supply chain before the tests run:
 *
 * - every dependency in `package.json` is pinned to one exact version;
 * - the lock file lists the same pins and an integrity hash for every
 *   package, so `npm ci` installs exactly what was reviewed;
 * - `npm audit --omit=dev` reports no high or critical advisory for what
 *   ships. When the registry's audit endpoint cannot be reached or refuses
 *   the request, one line says so and the check does not fail on it.
 *
 * Prints one line per finding and a last line `supply chain: ok` or
 * `supply chain: failed`; exits 1 on any finding. Usage:
 * `node scripts/check-supply-chain.ts`.
 */

type Manifest = Record<string, unknown>;

const DEPENDENCY_FIELDS = [
  'dependencies',
  'devDependencies',
  'optionalDependencies',
] as const;

const EXACT_VERSION =
  /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

const BLOCKING_SEVERITIES = ['high', 'critical'] as const;

/** What the audit said: advisories to fix, none, or that it could not run. */
export type AuditOutcome =
  | { kind: 'clean' }
  | { kind: 'advisories'; findings: string[] }
  | { kind: 'unavailable'; reason: string };

function readDependencies(manifest: Manifest): [string, string][] {
  return DEPENDENCY_FIELDS.flatMap((field) =>
    Object.entries((manifest[field] ?? {}) as Record<string, string>),
  );
}

/** Dependencies given as a range, tag or URL instead of an exact version. */
export function findLoosePins(manifest: Manifest): string[] {
  return readDependencies(manifest)
    .filter(([, spec]) => !EXACT_VERSION.test(spec))
    .map(([name, spec]) => `${name} is not pinned to one version: ${spec}`);
}

/**
 * Differences between `package.json` and the lock file: a dependency the
 * lock does not pin to the same version, or a locked package without an
 * integrity hash.
 */
export function findLockMismatches(
  manifest: Manifest,
  lock: Manifest,
): string[] {
  const packages = (lock.packages ?? {}) as Record<string, Manifest>;
  const findings: string[] = [];
  if (typeof lock.lockfileVersion !== 'number' || lock.lockfileVersion < 2) {
    return ['package-lock.json is missing or older than lockfile version 2'];
  }

  const root = packages[''] ?? {};
  for (const [name, spec] of readDependencies(manifest)) {
    const declared = readDependencies(root).find(([locked]) => locked === name);
    const installed = packages[`node_modules/${name}`]?.version;
    if (declared?.[1] !== spec || installed !== spec) {
      findings.push(`${name} ${spec} is locked as ${installed ?? 'nothing'}`);
    }
  }
  for (const [path, entry] of Object.entries(packages)) {
    if (path === '' || entry.link === true) continue;
    if (typeof entry.integrity !== 'string') {
      findings.push(`${path} has no integrity hash in the lock file`);
    }
  }

  return findings;
}

/** Reads `npm audit --json` output, whatever the endpoint answered. */
export function readAuditOutcome(output: string): AuditOutcome {
  let report: Manifest;
  try {
    report = JSON.parse(output) as Manifest;
  } catch {
    return { kind: 'unavailable', reason: 'no audit report' };
  }

  const vulnerabilities = report.vulnerabilities as
    | Record<string, { severity?: string }>
    | undefined;
  if (vulnerabilities === undefined) {
    const error = (report.error ?? {}) as Manifest;
    const reason =
      report.statusCode !== undefined
        ? `audit endpoint answered ${report.statusCode}`
        : String(error.code ?? report.message ?? 'unknown error');
    return { kind: 'unavailable', reason };
  }

  const findings = Object.entries(vulnerabilities)
    .filter(([, advisory]) =>
      (BLOCKING_SEVERITIES as readonly unknown[]).includes(advisory.severity),
    )
    .map(([name, advisory]) => `${name} has a ${advisory.severity} advisory`);
  return findings.length === 0
    ? { kind: 'clean' }
    : { kind: 'advisories', findings };
}

function runAudit(): AuditOutcome {
  const audit = spawnSync(
    'npm',
    ['audit', '--omit=dev', '--audit-level=high', '--json'],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (audit.error !== undefined) {
    return { kind: 'unavailable', reason: audit.error.message };
  }

  return readAuditOutcome(audit.stdout);
}

function readJson(path: string): Manifest {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch {
    return {};
  }
}

function main(): number {
  const manifest = readJson('package.json');
  const findings = [
    ...findLoosePins(manifest),
    ...findLockMismatches(manifest, readJson('package-lock.json')),
  ];

  const audit = runAudit();
  if (audit.kind === 'advisories') findings.push(...audit.findings);
  if (audit.kind === 'unavailable') {
    console.log(
      `supply chain: npm audit could not run (${audit.reason}); advisories were not checked`,
    );
  }

  for (const finding of findings) console.log(`supply chain: ${finding}`);
  console.log(`supply chain: ${findings.length === 0 ? 'ok' : 'failed'}`);
  return findings.length === 0 ? 0 : 1;
}

if (import.meta.main) process.exitCode = main();
