import { Command } from 'commander';
import { createDemoCommand } from './commands/demo-command.ts';
import { createDlqCommand } from './commands/dlq-command.ts';
import { createEmulatorCommand } from './commands/emulator-command.ts';
import { createProcessCommand } from './commands/process-command.ts';
import { createReplayCommand } from './commands/replay-command.ts';
import { createSendCommand } from './commands/send-command.ts';

/** Builds the `traffic` command line with all its subcommands. */
export function createProgram(): Command {
  return new Command('traffic')
    .description(
      'Run the traffic pipeline locally: an embedded SQS, a Lambda-like worker and real traffic',
    )
    .showHelpAfterError()
    .addCommand(createEmulatorCommand())
    .addCommand(createProcessCommand())
    .addCommand(createSendCommand())
    .addCommand(createReplayCommand())
    .addCommand(createDlqCommand())
    .addCommand(createDemoCommand());
}
