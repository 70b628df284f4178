import * as fs from 'fs';
import * as path from 'path';

/** The product's version, from the nearest package.json named skill-privacy-lint above this module. */
export function version(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++, dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'skill-privacy-lint' && pkg.version) return pkg.version;
    } catch {
      // no package.json here; keep looking
    }
  }
  return '0.0.0';
}
