import type { AddressInfo } from 'node:net';
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

/** The emulator could not listen on the port it was given. */
export class EmulatorListenError extends Error {
  override name = 'EmulatorListenError';
  readonly port: number;

  constructor(port: number, options: ErrorOptions) {
    super(describeListenFailure(port, options.cause), options);
    this.port = port;
  }
}

/**
 * Starts the fauxqs SQS emulator inside this process.
 *
 * `startFauxqs` always binds every interface, so this builds the fauxqs app
 * and binds it to loopback only: nothing outside the machine can reach it.
 * A port it cannot bind throws {@link EmulatorListenError}.
 */
export async function startEmulator(
  options: EmulatorOptions = {},
): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const requested = options.port ?? DEFAULT_EMULATOR_PORT;
  const app = buildApp({
    logger: false,
    defaultRegion: options.region ?? PIPELINE_DEFAULTS.region,
  });

  try {
    await app.listen({ port: requested, host });
  } catch (error) {
    await app.close();
    throw new EmulatorListenError(requested, { cause: error });
  }
  // The server's own address: a URL drops the scheme's default port.
  const { port } = app.server.address() as AddressInfo;

  return {
    endpoint: `http://${formatHost(host)}:${port}`,
    port,
    stop: () => app.close(),
  };
}

function describeListenFailure(port: number, cause: unknown): string {
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return `port ${port} is in use: stop what holds it, or pass --port 0 for a free one`;
  }
  if (code === 'EACCES') {
    return `port ${port} needs privileges: pick one above 1023, or --port 0`;
  }
  const reason = cause instanceof Error ? cause.message : String(cause);
  return `cannot listen on port ${port}: ${reason}`;
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
