import defaults from './pipeline.defaults.json' with { type: 'json' };

/**
 * Names and settings shared by Terraform, the emulator and the worker.
 *
 * `pipeline.defaults.json` is the one source: Terraform reads it with
 * `jsondecode(file(...))`, TypeScript imports it here.
 */
export const PIPELINE_DEFAULTS = defaults;

export type PipelineDefaults = typeof PIPELINE_DEFAULTS;
