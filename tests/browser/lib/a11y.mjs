/// @brief axe-core on the page as the browser shows it: fails on any serious or critical violation.
import fs from 'node:fs';

const FAILING = new Set(['serious', 'critical']);

export class Axe {
    constructor(axePath) {
        this.source = fs.readFileSync(axePath, 'utf8');
    }

    /// Runs axe on the current document. axe is evaluated through the DevTools protocol, which
    /// the page's Content-Security-Policy does not govern, so the context keeps its CSP enforced
    /// (no bypassCSP): the pages are tested under the policy they are served with. An injected
    /// <script> tag (page.addScriptTag) would be refused by a CSP without 'unsafe-inline'.
    /// Returns the violations of lesser impact, which are reported but do not fail.
    async check(page, name) {
        const hasAxe = await page.evaluate(() => typeof window.axe === 'object');
        if (!hasAxe) await page.evaluate(this.source);
        const result = await page.evaluate(() =>
            window.axe.run(document, { resultTypes: ['violations'] }));
        const failing = result.violations.filter((v) => FAILING.has(v.impact));
        if (failing.length > 0) {
            const lines = failing.map((v) => `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
                v.nodes.slice(0, 5).map((n) => `      at ${n.target.join(' ')}\n         ${n.failureSummary?.replaceAll('\n', '\n         ')}`).join('\n') +
                (v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : ''));
            throw new Error(`accessibility of "${name}" (${page.url()}): ${failing.length} serious or critical ` +
                `axe violation(s):\n${lines.join('\n')}`);
        }
        return result.violations;
    }
}
