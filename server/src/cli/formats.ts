import * as path from 'path';
import { pathToFileURL } from 'url';
import { ConfigProblem, Finding, RULES, ruleDocsUrl } from '../engine';
import { PositionMapper, Region } from './positions';

export type FormatName = 'stylish' | 'json' | 'sarif';
export const FORMATS: FormatName[] = ['stylish', 'json', 'sarif'];

export interface FormatInput {
  findings: Finding[];
  cwd: string;
  positions: PositionMapper;
  /** Skills checked, for the summary line. */
  skillCount: number;
  color: boolean;
  version: string;
  /** Problems in `.skillprivacyrc.json` files (printed on stderr; SARIF's tool configuration notifications). */
  configProblems?: ConfigProblem[];
}

const relUncached = (cwd: string, file: string) => path.relative(cwd, file).split(path.sep).join('/') || path.basename(file);

/**
 * `rel` per (cwd, file), kept for the last cwd: a report names the same few hundred files in
 * thousands of findings, related locations and edits, and `path.relative` resolves both paths each time.
 */
let relCwd: string | undefined;
const relMemo = new Map<string, string>();
const rel = (cwd: string, file: string): string => {
  if (cwd !== relCwd) {
    relCwd = cwd;
    relMemo.clear();
  }
  let r = relMemo.get(file);
  if (r === undefined) relMemo.set(file, (r = relUncached(cwd, file)));
  return r;
};

/** `--format json`: the contract in DESIGN.md, lines and columns 1-based, paths relative to cwd. */
export function formatJson(input: FormatInput): string {
  const findings = input.findings.map((f) => {
    const r = input.positions.region(f.file, f.offset, f.length);
    return {
      ruleId: f.ruleId,
      severity: f.severity,
      file: rel(input.cwd, f.file),
      ...r,
      message: f.message,
      related: f.related.map((x) => ({ file: rel(input.cwd, x.file), ...input.positions.region(x.file, x.offset, x.length), message: x.message })),
      fixes: f.fixes.map((fx) => ({
        title: fx.title,
        edits: fx.edits.map((e) => ({ file: rel(input.cwd, e.file), ...input.positions.region(e.file, e.offset, e.length), newText: e.newText })),
      })),
    };
  });
  const configProblems = (input.configProblems ?? []).map((p) => ({ file: rel(input.cwd, p.file), ...input.positions.region(p.file, p.offset, p.length), message: p.message }));
  return JSON.stringify(configProblems.length ? { version: 1, findings, configProblems } : { version: 1, findings }, null, 2) + '\n';
}

const ansi = (on: boolean) => ({
  red: (s: string) => (on ? `\x1b[31m${s}\x1b[39m` : s),
  yellow: (s: string) => (on ? `\x1b[33m${s}\x1b[39m` : s),
  blue: (s: string) => (on ? `\x1b[34m${s}\x1b[39m` : s),
  dim: (s: string) => (on ? `\x1b[2m${s}\x1b[22m` : s),
  bold: (s: string) => (on ? `\x1b[1m${s}\x1b[22m` : s),
  underline: (s: string) => (on ? `\x1b[4m${s}\x1b[24m` : s),
});

/** ESLint's stylish layout: findings grouped by file, then a summary. */
export function formatStylish(input: FormatInput): string {
  const c = ansi(input.color);
  const byFile = new Map<string, Finding[]>();
  for (const f of input.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const lines: string[] = [];
  for (const [file, fs] of byFile) {
    lines.push('', c.underline(rel(input.cwd, file)));
    for (const f of fs) {
      const r = input.positions.region(f.file, f.offset, f.length);
      const sev = f.severity === 'error' ? c.red('error  ') : f.severity === 'warning' ? c.yellow('warning') : c.blue('info   ');
      lines.push(`  ${`${r.line}:${r.column}`.padEnd(8)} ${sev}  ${f.message}  ${c.dim(f.ruleId)}`);
    }
  }
  const count = (s: string) => input.findings.filter((f) => f.severity === s).length;
  const errors = count('error');
  const warnings = count('warning');
  const infos = count('info');
  const skills = `${input.skillCount} skill${input.skillCount === 1 ? '' : 's'} checked`;
  if (input.findings.length === 0) {
    lines.push(`No privacy problems found (${skills}).`);
  } else {
    const total = input.findings.length;
    const summary = `✖ ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info) in ${skills}`;
    lines.push('', errors > 0 ? c.red(c.bold(summary)) : c.yellow(c.bold(summary)));
    const fixable = input.findings.filter((f) => f.fixes.length > 0).length;
    if (fixable > 0) lines.push(c.dim(`  ${fixable} of them ${fixable === 1 ? 'has a quick fix' : 'have quick fixes'} in the editor (or see --format json).`));
  }
  return lines.join('\n').replace(/^\n/, '') + '\n';
}

/** `--format sarif`: SARIF 2.1.0 with every rule, 1-based regions and fixes. */
export function formatSarif(input: FormatInput): string {
  const region = (r: Region) => ({ startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn });
  // Each path segment encoded on its own: encodeURI would leave `#` and `?` in a file name as URI syntax.
  const uri = (file: string) => rel(input.cwd, file).split('/').map(encodeURIComponent).join('/');
  const ruleIndex = new Map(RULES.map((r, i) => [r.meta.id, i]));
  const level = (s: string) => (s === 'info' ? 'note' : s);
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'skill-privacy-lint',
            informationUri: 'https://github.com/skill-privacy/skill-privacy-lint',
            version: input.version,
            semanticVersion: input.version,
            rules: RULES.map((r) => ({
              id: r.meta.id,
              name: r.meta.id.replace(/(^|-)(\w)/g, (_m, _d, ch: string) => ch.toUpperCase()),
              shortDescription: { text: r.meta.description },
              helpUri: ruleDocsUrl(r.meta.id),
              help: { text: `${r.meta.description} See ${ruleDocsUrl(r.meta.id)}` },
              defaultConfiguration: { level: level(r.meta.defaultSeverity) },
              properties: { tags: ['privacy', 'alexa'] },
            })),
          },
        },
        // Columns are UTF-16 code units (as in LSP); SARIF's default would be Unicode code points.
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(input.cwd).href.replace(/\/?$/, '/') } },
        invocations: input.configProblems?.length
          ? [
              {
                executionSuccessful: true,
                toolConfigurationNotifications: input.configProblems.map((p) => ({
                  level: 'warning',
                  message: { text: p.message },
                  locations: [{ physicalLocation: { artifactLocation: { uri: uri(p.file), uriBaseId: 'SRCROOT' }, region: region(input.positions.region(p.file, p.offset, p.length)) } }],
                })),
              },
            ]
          : undefined,
        results: input.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
          level: level(f.severity),
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uri(f.file), uriBaseId: 'SRCROOT' },
                region: region(input.positions.region(f.file, f.offset, f.length)),
              },
            },
          ],
          relatedLocations: f.related.length
            ? f.related.map((x, i) => ({
                id: i,
                message: { text: x.message },
                physicalLocation: { artifactLocation: { uri: uri(x.file), uriBaseId: 'SRCROOT' }, region: region(input.positions.region(x.file, x.offset, x.length)) },
              }))
            : undefined,
          fixes: f.fixes.length
            ? f.fixes.map((fx) => ({
                description: { text: fx.title },
                artifactChanges: groupByFile(fx.edits).map(([file, edits]) => ({
                  artifactLocation: { uri: uri(file), uriBaseId: 'SRCROOT' },
                  replacements: edits.map((e) => ({
                    deletedRegion: region(input.positions.region(e.file, e.offset, e.length)),
                    insertedContent: { text: e.newText },
                  })),
                })),
              }))
            : undefined,
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function groupByFile<T extends { file: string }>(edits: T[]): Array<[string, T[]]> {
  const m = new Map<string, T[]>();
  for (const e of edits) m.set(e.file, [...(m.get(e.file) ?? []), e]);
  return [...m];
}

export function format(name: FormatName, input: FormatInput): string {
  switch (name) {
    case 'json':
      return formatJson(input);
    case 'sarif':
      return formatSarif(input);
    default:
      return formatStylish(input);
  }
}
