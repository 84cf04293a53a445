/// @brief SQL on the test database through psql: values travel as psql variables (quoted by
/// libpq's PQescapeLiteral), rows come back as objects parsed from psql's CSV output.
import { run } from './processes.mjs';

// psql prints NULL as this (a control character no real text holds), so NULL and '' differ.
const NULL_MARK = '\u0001';

export class Sql {
    constructor(conninfo) {
        this.conninfo = conninfo;
    }

    /// query(text, [values]): each value is referenced in the text as :'v1', :'v2'... (psql
    /// quotes it as a literal; cast where a type is needed: :'v1'::bigint). One statement per call;
    /// returns its rows as objects of strings (null for NULL), [] for a statement without rows.
    query(text, values = []) {
        const args = ['-X', '-q', '--csv', '-v', 'ON_ERROR_STOP=1', '-P', `null=${NULL_MARK}`];
        values.forEach((v, i) => {
            if (v === null || v === undefined) throw new Error('sql: pass NULL in the text, not as a value');
            args.push('-v', `v${i + 1}=${v}`);
        });
        args.push(this.conninfo);
        // Through stdin, where psql interpolates variables (it does not in -c).
        const out = run('psql', args, { input: `${text};\n` });
        return parseCsv(out);
    }

    /// Tagged template: sql`SELECT id FROM users WHERE login = ${login}` (every ${} a value).
    tagged(strings, ...values) {
        let text = strings[0];
        values.forEach((_, i) => {
            text += `:'v${i + 1}'${strings[i + 1]}`;
        });
        return this.query(text, values);
    }
}

/// RFC 4180 as psql writes it: a header line, then records; quoted fields may hold , " and newlines.
export function parseCsv(text) {
    const records = [];
    let record = [];
    let field = '';
    let quoted = false;
    let wasQuoted = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quoted) {
            if (c === '"' && text[i + 1] === '"') {
                field += '"';
                i++;
            } else if (c === '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c === '"') {
            quoted = true;
            wasQuoted = true;
        } else if (c === ',' || c === '\n') {
            record.push(!wasQuoted && field === NULL_MARK ? null : field);
            field = '';
            wasQuoted = false;
            if (c === '\n') {
                records.push(record);
                record = [];
            }
        } else {
            field += c;
        }
    }
    if (records.length === 0) return [];
    const [header, ...rows] = records;
    return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}
