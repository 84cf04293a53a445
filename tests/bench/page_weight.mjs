/// @brief The weight of pages as a browser loads them (Debian's chromium through playwright-core,
/// installed by the browser tests' pinned lock file): HTML bytes, number of requests, bytes of
/// static assets (as used, and as sent: compressed when the server compresses), for each path
/// given. Usage: node page_weight.mjs BASE_URL PATH...
import { installDependencies } from '../browser/lib/install.mjs';
import path from 'node:path';
import os from 'node:os';
import fs from 'node:fs';

const [base, ...paths] = process.argv.slice(2);
const sourceDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const require = installDependencies(sourceDir);
const { chromium } = require('playwright-core');

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-weight-'));
const browser = await chromium.launch({
    executablePath: process.env.KB_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const rows = [];
try {
    for (const p of paths) {
        // A first visit: an empty cache, every asset fetched.
        const context = await browser.newContext();
        const page = await context.newPage();
        const seen = [];
        page.on('response', async (response) => {
            try {
                const body = await response.body();
                const sizes = await response.request().sizes();
                seen.push({ url: response.url(), type: response.request().resourceType(), bytes: body.length,
                            sent: sizes.responseBodySize });
            } catch { /* redirects have no body */ }
        });
        await page.goto(base + p, { waitUntil: 'networkidle' });
        const html = seen.filter((r) => r.type === 'document').reduce((n, r) => n + r.bytes, 0);
        const statics = seen.filter((r) => r.type !== 'document');
        rows.push({
            path: p, html_bytes: html, requests: seen.length,
            static_bytes: statics.reduce((n, r) => n + r.bytes, 0),
            static_bytes_sent: statics.reduce((n, r) => n + r.sent, 0),
        });
        await context.close();
    }
} finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(rows) + '\n');
