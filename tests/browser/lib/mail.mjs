/// @brief The messages the SMTP sink received (one JSON file each), and the links they carry.
import fs from 'node:fs';
import path from 'node:path';

export class MailBox {
    constructor(folder) {
        this.folder = folder;
        this.taken = new Set();
    }

    /// Every message received so far, oldest first: {file, to, rcpt_tos, mail_from, subject, text}.
    all() {
        if (!fs.existsSync(this.folder)) return [];
        return fs.readdirSync(this.folder)
            .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
            .sort()
            .map((f) => ({ file: f, ...JSON.parse(fs.readFileSync(path.join(this.folder, f), 'utf8')) }));
    }

    /// The oldest message not returned before whose recipient contains `to` and whose subject
    /// contains `subjectIncludes` (both optional, case-insensitive), waiting up to timeoutMs for it.
    /// A message is returned once: asking twice for a magic link waits for the second mail.
    async waitFor({ to = '', subjectIncludes = '', timeoutMs = 10000 } = {}) {
        const want = (s) => (x) => String(x ?? '').toLowerCase().includes(s.toLowerCase());
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const found = this.all().find((m) => !this.taken.has(m.file) &&
                (want(to)(m.to) || m.rcpt_tos.some(want(to))) && want(subjectIncludes)(m.subject));
            if (found) {
                this.taken.add(found.file);
                return found;
            }
            if (Date.now() > deadline) {
                const seen = this.all().map((m) => `  ${m.file} to ${m.rcpt_tos.join(',')}: ${m.subject}`);
                throw new Error(`no mail to "${to}" with subject containing "${subjectIncludes}" within ` +
                    `${timeoutMs} ms; received:\n${seen.join('\n') || '  (none)'}`);
            }
            await new Promise((r) => setTimeout(r, 50));
        }
    }
}

/// The first link in `text` whose path starts with pathPrefix; it must point at baseUrl (the
/// service's --public-url), or the mail would send its reader elsewhere.
export function linkIn(text, pathPrefix, baseUrl) {
    const links = String(text).match(/https?:\/\/[^\s<>"')\]]+/g) ?? [];
    for (const link of links) {
        const url = new URL(link);
        if (!url.pathname.startsWith(pathPrefix)) continue;
        if (url.origin !== new URL(baseUrl).origin) throw new Error(`link ${link} is not on ${baseUrl}`);
        return url.toString();
    }
    throw new Error(`no link to ${pathPrefix}… in:\n${text}`);
}
