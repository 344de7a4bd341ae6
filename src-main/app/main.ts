import { app } from 'electron';
import { launch } from './lab';

/** The desktop app's entry (out/main/index.js). */
launch().catch((error: unknown) => {
  console.error('[lab] the desktop app failed to start', error);
  app.exit(1);
});
