import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  HandlerLoadError,
  loadHandler,
  PROCESSOR_BUNDLE,
} from '../../lib/worker/load-handler.ts';

function writeModule(source: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'handler-')), 'index.mjs');
  writeFileSync(path, source);
  return path;
}

describe('loadHandler', () => {
  it('defaults to the built processor bundle', async () => {
    // Act
    const handler = await loadHandler();

    // Assess
    expect(PROCESSOR_BUNDLE).toMatch(
      /dist[/\\]traffic-processor[/\\]index\.mjs$/,
    );
    expect(typeof handler).toBe('function');
  });

  it('returns the named export of a bundle', async () => {
    // Prepare
    const path = writeModule('export const run = async () => ({ ok: 1 });');

    // Act
    const handler = await loadHandler(path, 'run');

    // Assess
    expect(await handler({ Records: [] }, {} as never)).toEqual({ ok: 1 });
  });

  it('refuses a missing bundle, saying how to build it', async () => {
    // Act
    const load = loadHandler('/nowhere/index.mjs');

    // Assess
    await expect(load).rejects.toThrow(HandlerLoadError);
    await expect(load).rejects.toThrow('npm run build');
  });

  it('refuses a bundle without the export', async () => {
    // Prepare
    const path = writeModule('export const other = 1;');

    // Act
    const load = loadHandler(path);

    // Assess
    await expect(load).rejects.toThrow('bundle exports no function handler');
  });
});
