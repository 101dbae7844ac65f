import { startEmulator } from '../../lib/emulator/start-emulator.ts';

/**
 * The embedded SQS emulator in its own process, so queue work and consumer
 * work use separate cores as they would against a real queue. Prints its
 * endpoint as one JSON line and stops when its stdin closes.
 */
const emulator = await startEmulator({ port: 0 });
process.stdout.write(`${JSON.stringify({ endpoint: emulator.endpoint })}\n`);

process.stdin.on('end', async () => {
  await emulator.stop();
  process.exit(0);
});
process.stdin.resume();
