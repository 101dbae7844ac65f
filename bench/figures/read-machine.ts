import { readFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';

/** Where figures were measured; they only compare within one machine. */
export type Machine = {
  cpu: string;
  cores: number;
  memoryGib: number;
  node: string;
  date: string;
};

/** Reads the CPU model from `/proc/cpuinfo`, the cores and Node version. */
export function readMachine(): Machine {
  let cpu = 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('model name'));
    cpu = line?.split(':')[1]?.trim() ?? cpu;
  } catch {
    // Not Linux: the model stays unknown, the figures are still valid.
  }

  return {
    cpu,
    cores: availableParallelism(),
    memoryGib: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString().slice(0, 16).replace('T', ' '),
  };
}
