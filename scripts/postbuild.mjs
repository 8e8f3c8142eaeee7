// Makes the built CLI executable (npm links bin files as they are).
import { chmodSync, existsSync } from 'node:fs';

if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
