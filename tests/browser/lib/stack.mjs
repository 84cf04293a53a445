/// @brief The system under test, as deploy/run would start it: a database of its own (in the
/// cluster of KB_TEST_PG, or a private one), the content index, a real SMTP server and kb-service.
import fs from 'node:fs';
import path from 'node:path';

import { Background, cleanEnv, run } from './processes.mjs';
import { Sql } from './sql.mjs';

export class Stack {
    /// paths: {sourceDir, serviceBin, indexerBin, tmp}
    constructor(paths) {
        this.paths = paths;
        this.cleanups = [];
    }

    async start() {
        const { sourceDir, serviceBin, indexerBin, tmp } = this.paths;
        let pg = process.env.KB_TEST_PG;
        if (!pg) {
            // Alone (outside deploy/test): a private cluster, as deploy/test makes one.
            const dir = path.join(tmp, 'postgres');
            const cluster = path.join(sourceDir, 'deploy', 'pg-cluster');
            run(cluster, ['start', dir, '5432'], { env: cleanEnv({ KB_PG_FSYNC: 'off' }) });
            this.cleanups.push(() => run(cluster, ['stop', dir]));
            pg = `host=${dir}/run port=5432 user=app`;
        }
        const name = `browser_${process.pid}_${Date.now()}`;
        const admin = new Sql(`${pg} dbname=postgres`);
        admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
        this.cleanups.push(() => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
        this.databaseUrl = `${pg} dbname=${name}`;
        this.sql = new Sql(this.databaseUrl);
        const db = ['--database-url', this.databaseUrl];
        run(serviceBin, ['migrate', ...db, '--schema-dir', path.join(sourceDir, 'schema')]);
        const indexDir = path.join(tmp, 'index');
        run(indexerBin, [...db, '--index-dir', indexDir, '--content-dirs', path.join(sourceDir, 'content'),
            '--progress', 'never']);

        this.mailDir = path.join(tmp, 'mail');
        // Debian's interpreter, where python3-aiosmtpd is installed (not a PATH-first one).
        this.sink = new Background('smtp_sink.py', '/usr/bin/python3',
            [path.join(sourceDir, 'tests', 'support', 'smtp_sink.py'), this.mailDir, path.join(tmp, 'smtp.port')],
            { outFile: path.join(tmp, 'smtp.out'), errFile: path.join(tmp, 'smtp.err') });
        const smtpPort = await this.sink.waitForPortFile(path.join(tmp, 'smtp.port'));

        await this.startService([...db, '--index-dir', indexDir, '--data-dir', path.join(tmp, 'data'),
            '--smtp-url', `smtp://127.0.0.1:${smtpPort}`, '--rate-limits', 'false',
            '--mail-spool-dir', path.join(tmp, 'mail-spool')]);
        await this.waitReady();
    }

    /// On port 0, chosen by the OS: without --public-url the service takes the address it is
    /// bound to as the base of the links it mails, so links work as they are.
    async startService(args) {
        const { serviceBin, tmp } = this.paths;
        const portFile = path.join(tmp, 'service.port');
        this.service = new Background('kb-service', serviceBin, [
            'serve', ...args, '--port', '0', '--port-file', portFile,
        ], { outFile: path.join(tmp, 'service.out'), errFile: path.join(tmp, 'service.err') });
        const port = await this.service.waitForPortFile(portFile);
        this.baseUrl = `http://127.0.0.1:${port}`;
    }

    /// The port file comes once the socket listens; /readyz says the database answers too.
    async waitReady(timeoutMs = 15000) {
        const deadline = Date.now() + timeoutMs;
        let last = '';
        while (Date.now() < deadline) {
            try {
                const r = await fetch(`${this.baseUrl}/readyz`);
                if (r.status === 200) return;
                last = `${r.status} ${await r.text()}`;
            } catch (e) {
                last = e.message;
            }
            await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error(`kb-service not ready (${last}):\n${this.service.log()}`);
    }

    /// kb-service admin ARGS on the test database; returns its standard output.
    admin(...args) {
        return run(this.paths.serviceBin, ['admin', ...args.map(String), '--database-url', this.databaseUrl]);
    }

    /// Stops everything started, newest first; every step runs even if an earlier one fails.
    async stop() {
        const problems = [];
        if (this.service) {
            const code = await this.service.stop();
            // A crash while serving is a finding even when every scenario passed.
            if (code !== 0) problems.push(`kb-service exited with ${code} on SIGTERM`);
        }
        if (this.sink) await this.sink.stop();
        for (const cleanup of this.cleanups.reverse()) {
            try {
                cleanup();
            } catch (e) {
                problems.push(e.message);
            }
        }
        return problems;
    }
}

export function makeRunDir() {
    const base = process.env.KB_TEST_TMP || fs.realpathSync('/tmp');
    const dir = fs.mkdtempSync(path.join(base, 'browser-'));
    fs.chmodSync(dir, 0o755);
    return dir;
}
