import { buildApp } from 'fauxqs';
import { PIPELINE_DEFAULTS } from '../pipeline-defaults.ts';

/** The port LocalStack listens on; the emulator takes it by default. */
export const DEFAULT_EMULATOR_PORT = 4566;

export interface EmulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Interface to bind; loopback unless told otherwise. */
  host?: string;
  region?: string;
}

/** A running in-process SQS emulator. */
export interface Emulator {
  /** Base URL to give the SDK as `endpoint`. */
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Starts the fauxqs SQS emulator inside this process.
 *
 * `startFauxqs` always binds every interface, so this builds the fauxqs app
 * and binds it to loopback only: nothing outside the machine can reach it.
 */
export async function startEmulator(
  options: EmulatorOptions = {},
): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const app = buildApp({
    logger: false,
    defaultRegion: options.region ?? PIPELINE_DEFAULTS.region,
  });

  const address = await app.listen({
    port: options.port ?? DEFAULT_EMULATOR_PORT,
    host,
  });
  const port = Number(new URL(address).port);

  return {
    endpoint: `http://${formatHost(host)}:${port}`,
    port,
    stop: () => app.close(),
  };
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
