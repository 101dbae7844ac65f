import { describe, expect, it } from '@jest/globals';
import { fitWorkerToVisibility } from '../../lib/worker/warn-on-short-visibility.ts';

describe('fitWorkerToVisibility', () => {
  it('accepts settings whose window and timeout fit the visibility timeout', () => {
    // Act
    const fit = fitWorkerToVisibility(31, {
      batchSize: 10,
      batchingWindowSeconds: 1,
      timeoutSeconds: 30,
    });

    // Assess
    expect(fit).toEqual({ fits: true });
  });

  it('proposes no batching window and a timeout equal to a short visibility timeout', () => {
    // Act
    const fit = fitWorkerToVisibility(1, {
      batchSize: 10,
      batchingWindowSeconds: 1,
      timeoutSeconds: 30,
    });

    // Assess
    expect(fit).toEqual({
      fits: false,
      neededVisibilityTimeoutSeconds: 31,
      worker: { batchingWindowSeconds: 0, timeoutSeconds: 1 },
    });
  });

  it('keeps a one-second window for batches above ten records', () => {
    // Act
    const fit = fitWorkerToVisibility(5, {
      batchSize: 100,
      batchingWindowSeconds: 5,
      timeoutSeconds: 30,
    });

    // Assess
    expect(fit).toMatchObject({
      worker: { batchingWindowSeconds: 1, timeoutSeconds: 4 },
    });
  });

  it('only asks for a longer visibility timeout when no worker setting fits', () => {
    // Act
    const fit = fitWorkerToVisibility(1, {
      batchSize: 100,
      batchingWindowSeconds: 1,
      timeoutSeconds: 30,
    });

    // Assess
    expect(fit).toEqual({ fits: false, neededVisibilityTimeoutSeconds: 31 });
  });

  it('fits a window of zero and a timeout equal to the visibility timeout', () => {
    // Act
    const fit = fitWorkerToVisibility(1, {
      batchSize: 10,
      batchingWindowSeconds: 0,
      timeoutSeconds: 1,
    });

    // Assess
    expect(fit).toEqual({ fits: true });
  });
});
