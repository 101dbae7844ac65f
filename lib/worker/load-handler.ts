import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SqsHandler } from './worker-options.ts';

/** The processor as `npm run build` bundles it for Lambda. */
export const PROCESSOR_BUNDLE = fileURLToPath(
  new URL('../../dist/traffic-processor/index.mjs', import.meta.url),
);

/** The bundle is missing or does not export a handler function. */
export class HandlerLoadError extends Error {
  override name = 'HandlerLoadError';
  readonly bundle: string;

  constructor(message: string, bundle: string, options?: ErrorOptions) {
    super(message, options);
    this.bundle = bundle;
  }
}

/**
 * Imports a Lambda bundle and returns its handler, as the Node.js runtime
 * does for a handler string such as `index.handler`.
 *
 * @param bundle - path of the `.mjs` file
 * @param exportName - the exported function to run
 */
export async function loadHandler(
  bundle: string = PROCESSOR_BUNDLE,
  exportName = 'handler',
): Promise<SqsHandler> {
  const path = resolve(bundle);
  if (!existsSync(path)) {
    throw new HandlerLoadError('bundle not found: run npm run build', path);
  }

  const module = (await import(pathToFileURL(path).href)) as Record<
    string,
    unknown
  >;
  const handler = module[exportName];
  if (typeof handler !== 'function') {
    throw new HandlerLoadError(
      `bundle exports no function ${exportName}`,
      path,
    );
  }

  return handler as SqsHandler;
}
