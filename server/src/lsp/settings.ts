import { Connection } from 'vscode-languageserver/node';
import { SeveritySetting } from '../engine';

/** The `skillPrivacy.*` settings of one resource (package.json `contributes.configuration`). */
export interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  rules: Record<string, SeveritySetting>;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, run: 'onType', rules: {} };

const VALID = new Set(['error', 'warning', 'info', 'off']);

export function normalizeSettings(raw: unknown): Settings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  if (typeof r.rules === 'object' && r.rules !== null) {
    for (const [k, v] of Object.entries(r.rules as Record<string, unknown>)) if (typeof v === 'string' && VALID.has(v)) rules[k] = v as SeveritySetting;
  }
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : DEFAULT_SETTINGS.enable,
    run: r.run === 'onSave' ? 'onSave' : 'onType',
    rules,
  };
}

/**
 * Settings per resource, asked of the client (`workspace/configuration`) and cached per scope URI
 * until the client says they changed (vscode-eslint: never in globals).
 */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<Settings>>();

  constructor(
    private readonly connection: Connection,
    private readonly clientSupportsConfiguration: () => boolean,
  ) {}

  get(scopeUri: string): Promise<Settings> {
    if (!this.clientSupportsConfiguration()) return Promise.resolve(DEFAULT_SETTINGS);
    let p = this.cache.get(scopeUri);
    if (!p) {
      p = this.connection.workspace
        .getConfiguration({ scopeUri, section: 'skillPrivacy' })
        .then(normalizeSettings, () => DEFAULT_SETTINGS);
      this.cache.set(scopeUri, p);
    }
    return p;
  }

  /** Asks for the settings of many scopes in one request (what `get` would ask one by one). */
  prefetch(scopeUris: string[]): void {
    if (!this.clientSupportsConfiguration()) return;
    const missing = [...new Set(scopeUris)].filter((uri) => !this.cache.has(uri));
    if (missing.length === 0) return;
    const all = this.connection.workspace.getConfiguration(missing.map((scopeUri) => ({ scopeUri, section: 'skillPrivacy' }))).then(
      (values: unknown[]) => values,
      () => [] as unknown[],
    );
    missing.forEach((uri, i) => this.cache.set(uri, all.then((values) => (i < values.length ? normalizeSettings(values[i]) : DEFAULT_SETTINGS))));
  }

  clear(): void {
    this.cache.clear();
  }
}
