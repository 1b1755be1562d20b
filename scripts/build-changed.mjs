// @ts-check
/**
 * `npm start`'s build: compiles only what changed since the last start. The server compiles
 * incrementally (TypeScript keeps what it knew in dist/.tsbuildinfo); the console is rebuilt only
 * when a file it is made from is newer than the last build (its sources, the shared domain rules,
 * the installed packages). A second start on the same clone takes seconds instead of ~20 s.
 * `npm run build` still builds everything.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

run(bin('tsc'), ['-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', 'dist/.tsbuildinfo']);

/** The newest modification time among the files under `dir` (0 when it does not exist). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  const stat = statSync(dir);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(dir).reduce((max, name) => Math.max(max, newest(path.join(dir, name))), 0);
}

const built = path.join(root, 'dist', 'web', 'index.html');
const inputs = ['web', 'src/domain', 'src/modules', 'src/http/schemas.ts', 'package-lock.json'];
const changed = !existsSync(built) || inputs.some((input) => newest(path.join(root, input)) > statSync(built).mtimeMs);
if (changed) run(bin('vite'), ['build', '--config', 'web/vite.config.ts']);
else process.stdout.write('console: no change since the last build\n');
