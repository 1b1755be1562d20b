/** `npm start`: ParcelDesk on the configured database, until SIGINT/SIGTERM. */
import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig } from './config.js';
import { startServer } from './server.js';

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
