import { readFileSync } from 'node:fs';
import path from 'node:path';

interface Rule {
  pattern: RegExp;
  set: [string, string][];
  detach: string[];
}

/**
 * Reads a Cloudflare Pages `_headers` file: a path pattern (`*` matches anything), then indented
 * `Name: value` lines; `! Name` removes a header set by an earlier matching rule.
 */
export function parseHeadersFile(text: string): Rule[] {
  const rules: Rule[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const source = line.trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
      rules.push({ pattern: new RegExp(`^${source}$`), set: [], detach: [] });
      continue;
    }
    const rule = rules.at(-1);
    if (!rule) throw new Error(`_headers: header line before any path: ${line}`);
    const detach = /^\s*!\s*(\S+)\s*$/.exec(line);
    if (detach) {
      rule.detach.push(detach[1].toLowerCase());
      continue;
    }
    const m = /^\s*([A-Za-z-]+):\s*(.+)$/.exec(line);
    if (!m) throw new Error(`_headers: expected "Name: value", got: ${line}`);
    rule.set.push([m[1].toLowerCase(), m[2].trim()]);
  }
  return rules;
}

/** The headers a host sends for `pathname`: every matching rule in order; a repeated header is joined with ", ". */
export function headersFor(rules: Rule[], pathname: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rule of rules) {
    if (!rule.pattern.test(pathname)) continue;
    for (const name of rule.detach) delete out[name];
    for (const [name, value] of rule.set) out[name] = out[name] ? `${out[name]}, ${value}` : value;
  }
  return out;
}

export function readHeadersFile(dist: string): Rule[] {
  return parseHeadersFile(readFileSync(path.join(dist, '_headers'), 'utf8'));
}
