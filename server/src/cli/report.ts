import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { DiskFileHost, discoverProjects, errorText, privacyReport } from '../engine';
import type { CliIO } from './main';

export const REPORT_USAGE = `Usage: skill-privacy-lint report [PATH...] [--output FILE]

Writes the privacy report of every skill under each PATH (default: the current folder) as
Markdown: the personal data the skill collects (by voice, by permission, by account linking, in
its code), where it goes (logs, storage, third parties), retention and deletion, declared and
used permissions, privacy-policy links, and a draft of what the privacy policy needs to say.

Options:
  -o, --output <file>   write the report to a file instead of standard output
  -h, --help            show this help

Exit status: 0 the report was written, 2 bad usage, no skill found, or an internal failure.
`;

/** `skill-privacy-lint report`: returns the exit code, never throws. */
export function runReport(argv: string[], io: CliIO): number {
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    io.stderr(`skill-privacy-lint report: ${(e as Error).message}\n\n${REPORT_USAGE}`);
    return 2;
  }
  if (args.values.help) {
    io.stdout(REPORT_USAGE);
    return 0;
  }
  const paths = args.positionals.length ? args.positionals.map((p) => path.resolve(io.cwd, p)) : [io.cwd];
  const missing = paths.find((p) => !fs.existsSync(p));
  if (missing) {
    io.stderr(`skill-privacy-lint report: ${path.relative(io.cwd, missing) || missing}: no such file or folder.\n`);
    return 2;
  }
  const host = new DiskFileHost();
  const projects = discoverProjects(paths, host);
  if (projects.length === 0) {
    io.stderr(`skill-privacy-lint report: no Alexa skill project found under ${paths.map((p) => path.relative(io.cwd, p) || '.').join(', ')}.\n`);
    return 2;
  }
  let internal = 0;
  const reports = projects.map(
    (project) =>
      privacyReport(project, host, {
        onInternalError: (ruleId, error) => {
          internal++;
          io.stderr(`skill-privacy-lint report: internal error in rule ${ruleId}: ${errorText(error)}\n`);
        },
      }, { relativeTo: io.cwd }).markdown,
  );
  const out = reports.join('\n---\n\n');
  if (args.values.output) {
    const file = path.resolve(io.cwd, args.values.output);
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, out);
    } catch (e) {
      io.stderr(`skill-privacy-lint report: cannot write ${args.values.output}: ${(e as Error).message}\n`);
      return 2;
    }
  } else {
    io.stdout(out);
  }
  return internal > 0 ? 2 : 0;
}
