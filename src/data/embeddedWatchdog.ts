// Entry of the embedded server's watchdog (dist/embedded-watchdog.mjs): `<dir> <lingerSeconds>`.
// Started detached by ensureEmbeddedServer; see src/data/embedded.ts.
import { watchEmbedded } from './embedded';

const [dir, seconds] = process.argv.slice(2);
await watchEmbedded(dir!, Number(seconds)).catch(() => process.exit(1));
