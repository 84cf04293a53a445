/// @brief Child processes of the browser tests: run to completion, start in the background with
/// their output in files, wait for a port file, and stop every one still running on any exit.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const running = new Set();

// Whatever ends the runner (a failure, Ctrl-C, ctest's timeout), no server is left behind.
process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
        process.stderr.write(`browser tests: ${signal}, stopping\n`);
        process.exit(130);
    });
}

/// Environment of a child: ours without any KB_* setting, so only what is passed explicitly counts.
export function cleanEnv(extra = {}) {
    const env = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('KB_')) env[k] = v;
    return { ...env, ...extra };
}

/// Runs a command to its end; throws with its output when it fails. Returns its stdout.
export function run(program, args, { input, env } = {}) {
    const r = spawnSync(program, args, { input, env: env ?? cleanEnv(), encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) {
        const why = r.error ? r.error.message : `exit ${r.status ?? r.signal}`;
        throw new Error(`${program} ${args.join(' ')}: ${why}\n${r.stderr ?? ''}${r.stdout ?? ''}`);
    }
    return r.stdout;
}

/// A background process whose stdout and stderr go to files (read back by log()).
export class Background {
    constructor(name, program, args, { outFile, errFile, env }) {
        this.name = name;
        this.errFile = errFile;
        this.outFile = outFile;
        const out = fs.openSync(outFile, 'w');
        const err = fs.openSync(errFile, 'w');
        this.child = spawn(program, args, { stdio: ['ignore', out, err], env: env ?? cleanEnv() });
        fs.closeSync(out);
        fs.closeSync(err);
        this.exited = new Promise((resolve) => {
            this.child.on('exit', (code, signal) => {
                running.delete(this.child);
                this.exitCode = code ?? signal;
                resolve(this.exitCode);
            });
            this.child.on('error', (e) => {
                running.delete(this.child);
                this.exitCode = e.message;
                resolve(this.exitCode);
            });
        });
        running.add(this.child);
    }

    log() {
        const read = (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');
        return read(this.outFile) + read(this.errFile);
    }

    /// Waits for the port the process writes once listening; fails early if it exits first.
    async waitForPortFile(portFile, timeoutMs = 30000) {
        const deadline = Date.now() + timeoutMs;
        while (Date.now() < deadline) {
            if (fs.existsSync(portFile)) {
                const port = parseInt(fs.readFileSync(portFile, 'utf8'), 10);
                if (port > 0) return port;
            }
            if (this.exitCode !== undefined) {
                throw new Error(`${this.name} exited (${this.exitCode}) before listening:\n${this.log()}`);
            }
            await new Promise((r) => setTimeout(r, 20));
        }
        throw new Error(`${this.name} wrote no port within ${timeoutMs} ms:\n${this.log()}`);
    }

    /// SIGTERM, then SIGKILL after the grace period. Returns the exit code (or signal name).
    async stop(graceMs = 10000) {
        if (this.exitCode !== undefined) return this.exitCode;
        this.child.kill('SIGTERM');
        const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
        const code = await this.exited;
        clearTimeout(timer);
        return code;
    }
}
