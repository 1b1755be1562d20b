/** `npm start`: ParcelDesk on the configured database, until SIGINT/SIGTERM. */
import v8 from 'node:v8';
import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig } from './config.js';
import { startServer } from './server.js';

/**
 * The heap may grow to 1.5× what is live before V8 collects it whole (V8's own allowance goes up
 * to 4×). A scanner batch's objects live across its database round trips, so they are promoted and
 * die in the old space: with V8's allowance a ~95 MB live heap grew to ~390 MB during ingestion
 * before one collection (peak RSS 520–640 MiB); at 1.5× the server peaks at ~335 MiB, for more
 * full collections (a few µs of server CPU per event: docs/architecture.md, Tracking, "Server
 * memory"). A --heap-growing-percent given to node itself wins (node refuses it in NODE_OPTIONS).
 */
const HEAP_GROWING_PERCENT = 50;
if (!process.execArgv.some((arg) => arg.startsWith('--heap-growing-percent') || arg.startsWith('--heap_growing_percent'))) {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

try {
  const config = loadConfig();
  const server = await startServer(config);
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) server.app.log.error({ err }, 'shutting down after an error');
    else server.app.log.info({ signal }, 'shutting down');
    await server.stop();
  });
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`ParcelDesk configuration error: ${err.message}`);
    process.exit(2);
  }
  throw err;
}
