import { RequestType, RequestType0 } from 'vscode-languageserver/node';
import { WarmUpStats } from './warmup';

/**
 * Requests of our own beyond LSP. The VS Code client (a separate TypeScript project) sends the
 * same method name; any LSP client can: `{"uri": <a file or folder of the skill>}`.
 */
export const REPORT_METHOD = 'skillPrivacy/report';

export interface ReportParams {
  /** A file of the skill (or a folder holding skills); the first skill found under a folder. */
  uri: string;
  /**
   * Link each place to its `file://` URI and line (the default). VS Code's Markdown preview
   * refuses `file:` links, so its command asks for plain `file:line` text instead.
   */
  links?: boolean;
}

export interface ReportResult {
  /** The skill's root folder, as a URI. */
  root: string;
  name: string;
  markdown: string;
}

export const ReportRequest = new RequestType<ReportParams, ReportResult | null, void>(REPORT_METHOD);

/**
 * Hidden diagnostic request for load tests: the server's memory after a full GC (when it runs
 * with `--expose-gc`) and how much it holds. Not part of the product's surface.
 */
export const STATS_METHOD = 'skillPrivacy/stats';

export interface StatsResult {
  heapUsed: number;
  rss: number;
  /** Whether a GC ran before measuring. */
  gc: boolean;
  openDocuments: number;
  skills: number;
  /** Skill checks run since start (the initial scan included): how many checks a burst of edits cost. */
  checks: number;
  /** Of those, the checks that ran the rules; the rest reused findings whose inputs had not changed. */
  lints: number;
  /**
   * Checks not finished when the request was handled: skills queued or being checked, and the
   * initial scan. Messages are handled in order, so 0 means every change sent before the request
   * has been checked and its diagnostics sent before the answer. The warm-up (warmup.ts) counts
   * as one while it runs: a client measuring keystrokes waits for it as for the scan.
   */
  pending: number;
  /** The keystroke path's warm-up, started when the first large code file is opened. */
  warmUp: WarmUpStats;
  /** Data-flow entry points evaluated and replayed from an earlier run since start (code/reuse.ts). */
  entryPoints: { evaluated: number; replayed: number };
}

export const StatsRequest = new RequestType0<StatsResult, void>(STATS_METHOD);
