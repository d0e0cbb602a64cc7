// Copies the SQL migrations next to the compiled JavaScript, where the migrator looks for them.
import { cpSync } from 'node:fs';

cpSync('src-app/db/migrations', 'build/src-app/db/migrations', { recursive: true });
