// Copies the files the compiled app reads at run time (SQL migrations, the style sheet) next to
// the compiled JavaScript, where the app looks for them.
import { cpSync } from 'node:fs';

for (const folder of ['src-app/db/migrations', 'src-app/web/static']) {
  cpSync(folder, `build/${folder}`, { recursive: true });
}
