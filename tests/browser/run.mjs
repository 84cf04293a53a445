#!/usr/bin/env node
/// @brief Browser tests of the pages: starts the service as deploy/run would (own database, index,
/// real SMTP server), then runs every scenarios/*.mjs in name order in Debian's headless chromium.
/// Usage: node tests/browser/run.mjs [--build-dir DIR] [--source-dir DIR] [--service-bin FILE]
///        [--indexer-bin FILE] [NAME_PART...]   (NAME_PART: run only the scenarios whose name has it)
/// Without KB_TEST_PG (outside deploy/test) it starts a private PostgreSQL of its own.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { Axe } from './lib/a11y.mjs';
import { RunState, ScenarioContext } from './lib/context.mjs';
import { installDependencies } from './lib/install.mjs';
import { makeRunDir, Stack } from './lib/stack.mjs';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const DEFAULT_TIMEOUT_MS = 60000;
// Debian's chromium (deploy/test installs it); no browser is ever downloaded.
const CHROMIUM = process.env.KB_CHROMIUM || '/usr/bin/chromium';
// As root in a container: no sandbox, no GPU, and nothing that talks to Google's services.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function parseArgs(argv) {
    const options = { filters: [] };
    for (let i = 0; i < argv.length; i++) {
        const m = /^--(build-dir|source-dir|service-bin|indexer-bin)$/.exec(argv[i]);
        if (m) options[m[1]] = path.resolve(argv[++i]);
        else options.filters.push(argv[i]);
    }
    const sourceDir = options['source-dir'] ?? path.resolve(HERE, '..', '..');
    const buildDir = options['build-dir'] ?? process.env.KB_BUILD_DIR ?? path.join(sourceDir, 'build');
    return {
        sourceDir,
        buildDir,
        serviceBin: options['service-bin'] ?? path.join(buildDir, 'service', 'kb-service'),
        indexerBin: options['indexer-bin'] ?? path.join(buildDir, 'indexer', 'kb-indexer'),
        filters: options.filters,
    };
}

function scenarioFiles(filters) {
    const dir = path.join(HERE, 'scenarios');
    return fs.readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort()
        .filter((f) => filters.length === 0 || filters.some((part) => f.includes(part)))
        .map((f) => ({ name: f.replace(/\.mjs$/, ''), file: path.join(dir, f) }));
}

function tail(text, lines) {
    return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function withTimeout(promise, ms, what) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/// One scenario in its own browser contexts; returns null when it passed, else the report.
async function runScenario(run, { name, file }) {
    const ctx = new ScenarioContext(run, name);
    for (const old of fs.readdirSync(run.screenshotDir)) {
        if (old.startsWith(`${name}-`)) fs.rmSync(path.join(run.screenshotDir, old));
    }
    const started = Date.now();
    try {
        const module = await import(pathToFileURL(file));
        if (typeof module.default !== 'function') throw new Error('the file exports no default function');
        await ctx.open();
        await withTimeout(module.default(ctx), module.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'the scenario');
        const problems = ctx.pageProblems();
        if (problems.length > 0) throw new Error(`the pages reported:\n  ${problems.join('\n  ')}`);
        console.log(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s, ${ctx.shots} screenshot(s))`);
        return null;
    } catch (e) {
        // A step that timed out is still on the stack: name it too.
        const step = e?.step ?? (ctx.steps.length > 0 ? ctx.steps.join(' › ') : undefined);
        const where = step ? `, step "${step}"` : '';
        const shots = await ctx.captureFailure();
        const report = [`FAIL ${name}${where} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
            `  ${(e?.stack ?? String(e)).replaceAll('\n', '\n  ')}`];
        if (shots.length > 0) report.push(`  screenshots: ${shots.join(' ')}`);
        report.push('  last lines of the service log:', `    ${tail(run.stack.service.log(), 25).replaceAll('\n', '\n    ')}`);
        console.log(report.join('\n'));
        return `${name}${where}`;
    } finally {
        await ctx.close();
    }
}

async function main() {
    const options = parseArgs(process.argv.slice(2));
    const scenarios = scenarioFiles(options.filters);
    if (scenarios.length === 0) throw new Error(`no scenario matches ${options.filters.join(' ')}`);
    const require = installDependencies(options.sourceDir);
    const { chromium } = require('playwright-core');

    const screenshotDir = path.join(options.buildDir, 'browser-screenshots');
    fs.mkdirSync(screenshotDir, { recursive: true });
    const tmp = makeRunDir();
    const stack = new Stack({ ...options, tmp });
    let browser;
    const failures = [];
    const cleanupProblems = [];
    try {
        const t0 = Date.now();
        await stack.start();
        // launch() gives the browser a fresh temporary profile (user-data-dir) and removes it on close.
        browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
        console.log(`browser tests: ${browser.version()} on ${stack.baseUrl}, ready in ` +
            `${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in ${screenshotDir}`);
        const run = new RunState({ browser, stack, axe: new Axe(require.resolve('axe-core/axe.min.js')), screenshotDir });
        for (const scenario of scenarios) {
            const failure = await runScenario(run, scenario);
            if (failure) failures.push(failure);
        }
    } finally {
        if (browser) await browser.close().catch((e) => cleanupProblems.push(`closing chromium: ${e.message}`));
        cleanupProblems.push(...await stack.stop());
        if (process.env.KB_BROWSER_KEEP) console.log(`browser tests: kept ${tmp}`);
        else fs.rmSync(tmp, { recursive: true, force: true });
    }
    for (const p of cleanupProblems) console.log(`FAIL cleanup: ${p}`);
    const passed = scenarios.length - failures.length;
    console.log(`browser tests: ${passed}/${scenarios.length} scenario(s) passed` +
        (failures.length ? `; failed: ${failures.join('; ')}` : ''));
    return failures.length === 0 && cleanupProblems.length === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => {
    console.error(`browser tests: ${e?.stack ?? e}`);
    process.exit(1);
});
