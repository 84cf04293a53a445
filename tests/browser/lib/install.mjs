/// @brief Installs the pinned npm dependencies (package-lock.json) once into the git-ignored
/// .cache/npm/, keyed by the lock file's hash, and gives a require() that loads from there.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const PACKAGE_DIR = path.resolve(HERE, '..');

/// Returns a require() rooted in the installed folder; installs first when the folder is missing.
/// The folder name carries the lock file's hash, so a new pin installs beside the old one.
export function installDependencies(sourceDir) {
    const lock = fs.readFileSync(path.join(PACKAGE_DIR, 'package-lock.json'));
    const key = createHash('sha256').update(lock).digest('hex').slice(0, 12);
    const cache = process.env.KB_NPM_CACHE || path.join(sourceDir, '.cache', 'npm');
    const prefix = path.join(cache, `browser-tests-${key}`);
    if (!fs.existsSync(path.join(prefix, 'node_modules', 'playwright-core', 'package.json'))) {
        // Installed aside, then renamed: an interrupted install never looks complete.
        const tmp = `${prefix}.tmp-${process.pid}`;
        fs.rmSync(tmp, { recursive: true, force: true });
        fs.mkdirSync(tmp, { recursive: true });
        for (const f of ['package.json', 'package-lock.json']) {
            fs.copyFileSync(path.join(PACKAGE_DIR, f), path.join(tmp, f));
        }
        process.stderr.write(`browser tests: npm ci into ${prefix}\n`);
        // --ignore-scripts and the skip variable: no package may fetch a browser; Debian's is used.
        const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
            cwd: tmp,
            stdio: ['ignore', 'inherit', 'inherit'],
            env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
        });
        if (npm.status !== 0) {
            fs.rmSync(tmp, { recursive: true, force: true });
            throw new Error(`npm ci failed (${npm.error?.message ?? `exit ${npm.status}`}); is npm installed?`);
        }
        fs.rmSync(prefix, { recursive: true, force: true });
        fs.renameSync(tmp, prefix);
    }
    return createRequire(path.join(prefix, 'package.json'));
}
