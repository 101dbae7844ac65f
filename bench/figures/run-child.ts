import { spawnSync } from 'node:child_process';

/** Environment of every child: no inherited Node options, info logs. */
export const CHILD_ENV = {
  PATH: process.env.PATH ?? '',
  STORAGE_ADAPTER: 'mysql',
  LOG_LEVEL: 'info',
};

/** What a child printed on its measure stream, with its wall time. */
export type ChildRun<T> = { wallMs: number; report: T };

/**
 * Runs a script in a fresh Node process (the one running the benchmark),
 * times it from spawn to exit, and reads the last JSON line the child
 * printed on `stream`. The other stream goes to `/dev/null` when it is
 * stdout (handler logs), to ours when it is stderr (errors). Throws when
 * the child fails, so a broken contender never yields a figure.
 */
export function runChild<T>(
  args: readonly string[],
  stream: 'stdout' | 'stderr',
  env: Record<string, string> = CHILD_ENV,
): ChildRun<T> {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, {
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: [
      'ignore',
      stream === 'stdout' ? 'pipe' : 'ignore',
      stream === 'stderr' ? 'pipe' : 'inherit',
    ],
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;

  const output = (stream === 'stdout' ? result.stdout : result.stderr) ?? '';
  if (result.status !== 0) {
    throw new Error(
      `child ${args.join(' ')} exited ${result.status}: ${output.slice(-2000)}`,
    );
  }
  const last = output.trim().split('\n').at(-1) ?? '';

  return { wallMs, report: (last === '' ? null : JSON.parse(last)) as T };
}
