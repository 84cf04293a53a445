/// @brief The object a scenario receives (ctx): fresh browser pages on the server under test, its
/// mail, its database, accessibility checks, screenshots and named steps for readable failures.
import fs from 'node:fs';
import path from 'node:path';

import { linkIn, MailBox } from './mail.mjs';

/// What lives for the whole run and is shared by every scenario's context.
export class RunState {
    constructor({ browser, stack, axe, screenshotDir }) {
        Object.assign(this, { browser, stack, axe, screenshotDir });
        this.mail = new MailBox(stack.mailDir);
        this.shared = {};
    }
}

export class ScenarioContext {
    constructor(run, name) {
        this.run = run;
        /// The scenario's name (its file name without .mjs), the prefix of its screenshots.
        this.name = name;
        /// http://127.0.0.1:PORT of the server under test, also its --public-url (links in mail);
        /// pages resolve relative URLs on it.
        this.baseUrl = run.stack.baseUrl;
        /// Messages the SMTP server received: mail.waitFor({to, subjectIncludes, timeoutMs}), mail.all().
        this.mail = run.mail;
        /// One object for the whole run, for what a scenario leaves to the next ones (ids, logins).
        this.shared = run.shared;
        /// The main page, in a browser context (cookies, storage) of its own; set by open().
        this.page = null;
        this.contexts = [];
        this.problems = [];
        this.tolerated = [];
        this.steps = [];
        this.shots = 0;
    }

    async open() {
        this.page = await this.newPage();
    }

    /// Another visitor: a page in a new browser context (no cookies shared with ctx.page).
    /// Closed at the end of the scenario.
    async newPage() {
        const context = await this.run.browser.newContext({
            baseURL: this.baseUrl,
            locale: 'fr-FR',
            timezoneId: 'Europe/Paris',
            viewport: { width: 1280, height: 800 },
        });
        context.setDefaultTimeout(10000);
        context.setDefaultNavigationTimeout(15000);
        context.on('page', (page) => this.watch(page));
        this.contexts.push(context);
        return context.newPage();
    }

    // A script refused by the Content-Security-Policy, or one that throws, fails the scenario.
    watch(page) {
        page.on('console', (msg) => {
            if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) {
                this.problems.push(`CSP violation on ${page.url()}: ${msg.text()}`);
            }
        });
        page.on('pageerror', (e) => this.problems.push(`uncaught script error on ${page.url()}: ${e.message}`));
    }

    /// Lets a scenario expect a console problem (regular expression on its text) instead of failing.
    tolerate(pattern) {
        this.tolerated.push(pattern);
    }

    /// Problems seen in the pages that no tolerate() pattern covers.
    pageProblems() {
        return this.problems.filter((p) => !this.tolerated.some((t) => t.test(p)));
    }

    /// Runs fn as a named step: a failure inside says which step (nested steps joined by ›).
    async step(title, fn) {
        this.steps.push(title);
        try {
            return await fn();
        } catch (e) {
            if (e instanceof Error && e.step === undefined) e.step = this.steps.join(' › ');
            throw e;
        } finally {
            this.steps.pop();
        }
    }

    /// The first link in a mail's text whose path starts with pathPrefix (it must be on baseUrl).
    linkIn(text, pathPrefix) {
        return linkIn(text, pathPrefix, this.baseUrl);
    }

    /// axe-core on the page as it is now; throws on any serious or critical violation, listing
    /// each rule, its help and the selectors of the elements. Returns the lesser violations.
    async checkA11y(page, name) {
        return this.run.axe.check(page, name);
    }

    /// A full-page PNG at build/browser-screenshots/<scenario>-<name>.png; returns its path.
    async screenshot(page, name) {
        const file = path.join(this.run.screenshotDir, `${this.name}-${name.replace(/[^\w.-]+/g, '_')}.png`);
        await page.screenshot({ path: file, fullPage: true });
        this.shots++;
        return file;
    }

    /// SQL on the test database. Either sql`... ${value} ...` (values quoted by psql) or
    /// sql(text, [values]) with :'v1', :'v2' in the text. Rows as objects of strings (null = NULL).
    sql(first, ...rest) {
        const db = this.run.stack.sql;
        if (Array.isArray(first) && Array.isArray(first.raw)) return db.tagged(first, ...rest);
        return db.query(first, rest[0] ?? []);
    }

    /// `kb-service admin ...` on the test database (create-user, grant, create-token...); its stdout.
    admin(...args) {
        return this.run.stack.admin(...args);
    }

    /// An account made by the admin commands, with an API token: {login, token}.
    createUser(login, displayName, role = 'member') {
        this.admin('create-user', login, displayName, role);
        const token = this.admin('create-token', login).split('\n')[0].trim();
        return { login, token };
    }

    /// A call to the HTTP API (for set-up, or to compare with a page): {status, headers, body, text};
    /// body is the parsed JSON when the answer is JSON. options: {token, body (sent as JSON), headers}.
    async api(method, urlPath, { token, body, headers = {} } = {}) {
        const h = { ...headers };
        if (token) h.Authorization = `Bearer ${token}`;
        if (body !== undefined) h['Content-Type'] = 'application/json';
        const r = await fetch(new URL(urlPath, this.baseUrl), {
            method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual',
        });
        const text = await r.text();
        const json = /json/.test(r.headers.get('content-type') ?? '') && text ? JSON.parse(text) : undefined;
        return { status: r.status, headers: r.headers, body: json, text };
    }

    /// Everything kb-service wrote so far (its access log is one JSON line per request).
    serviceLog() {
        return this.run.stack.service.log();
    }

    /// Screenshots of every page still open, after a failure; errors here must not hide the first.
    async captureFailure() {
        const files = [];
        let n = 0;
        for (const context of this.contexts) {
            for (const page of context.pages()) {
                try {
                    files.push(await this.screenshot(page, `FAILED-${++n}`));
                } catch {
                    // The page may be what broke.
                }
            }
        }
        return files;
    }

    async close() {
        for (const context of this.contexts) await context.close().catch(() => {});
    }
}
