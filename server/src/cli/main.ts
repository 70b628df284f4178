// First: TypeScript is loaded by the engine's imports below, and its compile is what the cache saves.
import './compile-cache';
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { isMainThread } from 'worker_threads';
import { ConfigProblem, DiskFileHost, SkillProject, configProblems, discoverSkills, errorText, findSkillForFile, loadConfig } from '../engine';
import { lintPathsParallel } from './parallel';
import { FORMATS, FormatName, format } from './formats';
import { PositionMapper } from './positions';
import { runReport } from './report';
import { version } from '../version';

const USAGE = `Usage: skill-privacy-lint [PATH...] [options]
       skill-privacy-lint report [PATH...] [--output FILE]

Finds privacy problems in Amazon Alexa skill projects: personal data collected by voice, missing
privacy policies, consent, voice data in logs, data shared with third parties, children's data.
Every skill under each PATH (default: the current folder) is checked.

Options:
  -f, --format <name>   stylish (default), json or sarif
  -o, --output <file>   write the report to a file instead of standard output
      --no-color        plain text even on a terminal
  -h, --help            show this help
  -v, --version         show the version

\`report\` writes each skill's privacy report (data inventory, flows, retention, permissions,
policy draft) as Markdown; \`skill-privacy-lint report --help\` says more.

Exit status: 0 no error-level finding, 1 at least one, 2 bad usage or an internal failure.
Rules and their docs: https://github.com/skill-privacy/skill-privacy-lint/tree/main/docs/rules
`;

export interface CliIO {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
}

/** Runs the CLI; returns the exit code. Never throws. */
export function run(argv: string[], io: CliIO): number {
  if (argv[0] === 'report') return runReport(argv.slice(1), io);
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f', default: 'stylish' },
        output: { type: 'string', short: 'o' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    io.stderr(`skill-privacy-lint: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const opts = args.values;
  if (opts.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (opts.version) {
    io.stdout(version() + '\n');
    return 0;
  }
  const fmt = opts.format as string;
  if (!FORMATS.includes(fmt as FormatName)) {
    io.stderr(`skill-privacy-lint: unknown format "${fmt}"; use one of ${FORMATS.join(', ')}.\n`);
    return 2;
  }
  const paths = args.positionals.length ? args.positionals.map((p) => path.resolve(io.cwd, p)) : [io.cwd];
  for (const p of paths) {
    if (!fs.existsSync(p)) {
      io.stderr(`skill-privacy-lint: ${path.relative(io.cwd, p) || p}: no such file or folder.\n`);
      return 2;
    }
  }

  const host = new DiskFileHost();
  // A folder inside a skill (`lambda/`) checks that skill, as a file inside it does.
  // The skills found here are handed on: a second walk of a 100-skill workspace finds the same.
  const discovered = new Map<string, SkillProject[]>();
  const targets = paths.map((p) => {
    if (!host.isDirectory(p)) return p;
    const found = discoverSkills(p, host);
    if (found.length === 0) return findSkillForFile(path.join(p, 'skill.json'), host)?.root ?? p;
    discovered.set(path.resolve(p), found);
    return p;
  });
  let internal = 0;
  const onInternalError = (ruleId: string, error: unknown): void => {
    internal++;
    io.stderr(`skill-privacy-lint: internal error in rule ${ruleId}: ${errorText(error)}\n`);
  };
  let result;
  try {
    result = lintPathsParallel(targets, host, onInternalError, undefined, undefined, discovered);
  } catch (e) {
    io.stderr(`skill-privacy-lint: internal error: ${errorText(e)}\n`);
    return 2;
  }
  if (result.skills.length === 0) {
    io.stderr(
      `skill-privacy-lint: no Alexa skill project found under ${paths.map((p) => path.relative(io.cwd, p) || '.').join(', ')}.\n` +
        'A skill is a folder with ask-resources.json (ask-cli v2), .ask/config or skill.json with models/ (ask-cli v1), or a skill.json manifest.\n',
    );
    return 2;
  }
  const positions = new PositionMapper((file) => {
    const r = host.readText(file);
    return r.kind === 'text' ? r.text : undefined;
  });
  // A misspelled rule id or severity in .skillprivacyrc.json is ignored, which would silently
  // re-enable a rule or drop a suppression: say so, once per config file.
  const problems = new Map<string, ConfigProblem[]>();
  for (const s of result.skills) {
    const config = loadConfig(s.root, host);
    if (config.file && !problems.has(config.file)) problems.set(config.file, configProblems(config));
  }
  const configIssues = [...problems.values()].flat();
  for (const p of configIssues) {
    const r = positions.region(p.file, p.offset, p.length);
    io.stderr(`skill-privacy-lint: warning: ${path.relative(io.cwd, p.file) || p.file}:${r.line}:${r.column}: ${p.message}\n`);
  }
  const color = opts['no-color'] ? false : !opts.output && io.isTTY && !process.env.NO_COLOR;
  const out = format(fmt as FormatName, { findings: result.findings, cwd: io.cwd, positions, skillCount: result.skills.length, color, version: version(), configProblems: configIssues });
  if (opts.output) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(io.cwd, opts.output)), { recursive: true });
      fs.writeFileSync(path.resolve(io.cwd, opts.output), out);
    } catch (e) {
      io.stderr(`skill-privacy-lint: cannot write ${opts.output}: ${(e as Error).message}\n`);
      return 2;
    }
  } else {
    io.stdout(out);
  }
  if (internal > 0) return 2;
  return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

// In a worker thread this file is only the carrier of parallel.ts's worker (the bundle is one file).
if (require.main === module && isMainThread) {
  const code = run(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: !!process.stdout.isTTY,
  });
  process.exitCode = code;
}
