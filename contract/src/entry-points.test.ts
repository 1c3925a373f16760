import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as root from './index.ts';
import * as openapi from './openapi/index.ts';

const src = dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(resolve(src, '../package.json'), 'utf8')) as {
  exports: Record<string, string | Record<string, string>>;
};

/** Every source file an entry loads, following relative imports and re-exports. */
function moduleGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/^(?:import|export)[^;]*?from '(\.[^']+)'/gms)) {
      visit(resolve(dirname(file), spec!));
    }
  };
  visit(entry);
  return seen;
}

describe('entry points', () => {
  it('each sub-path export names sources that exist, and dist files mirroring them', () => {
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string') continue;
      expect(Object.keys(target), subpath).toEqual(['@holiday-peak-hub/source', 'types', 'default']);
      const source = target['@holiday-peak-hub/source']!;
      expect(existsSync(resolve(src, '..', source)), source).toBe(true);
      const dist = source.replace(/^\.\/src\//, './dist/').replace(/\.ts$/, '');
      expect(target.types).toBe(`${dist}.d.ts`);
      expect(target.default).toBe(`${dist}.js`);
    }
  });

  it('the runtime entry leaves out the OpenAPI and AsyncAPI builders', () => {
    for (const name of ['buildOpenApi', 'buildAsyncApi', 'errorCodesOf', 'accessDescription']) {
      expect(root, name).not.toHaveProperty(name);
      expect(openapi, name).toHaveProperty(name);
    }
    expect(root.API_VERSION).toBe(openapi.API_VERSION);
  });

  it('the runtime entry never loads the OpenAPI generator', () => {
    const files = [...moduleGraph(resolve(src, 'index.ts'))];
    expect(files.length).toBeGreaterThan(40);
    expect(files.filter((file) => file.startsWith(resolve(src, 'openapi')))).toEqual([]);
    for (const file of files) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(
        /OpenAPIRegistry|OpenApiGenerator|zod-to-openapi|\.openapi\(/,
      );
    }
  });

  it('the runtime entry imports zod only as a namespace, the form bundlers tree-shake', () => {
    // `import { z } from 'zod'` (or a re-export of the namespace) keeps all of zod, locales included, in a bundle.
    for (const file of moduleGraph(resolve(src, 'index.ts'))) {
      const text = readFileSync(file, 'utf8');
      for (const [, clause] of text.matchAll(/^import (?!type )(.+?) from 'zod(?:\/[^']*)?';$/gm)) {
        expect(clause, file).toBe('* as z');
      }
      expect(text, file).not.toMatch(/^export \{[^}]*\} from 'zod/m);
    }
  });
});
