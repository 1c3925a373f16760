/**
 * The recipe of docs/architecture.md ("Adding a domain"), checked: every domain of the contract
 * has its folder in the contract, the core and (when it stores anything) the server, the core's
 * index files only re-export, tags belong to their domain, and no hand-written file grows past
 * what one concept needs.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { domains } from '@holiday-peak-hub/contract';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const at = (...parts: string[]) => join(root, ...parts);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name === 'gen') return [];
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('every domain follows the recipe', () => {
  for (const domain of domains) {
    describe(domain.name, () => {
      it('has its folder in the contract, with a domain object and an index', () => {
        expect(existsSync(at('contract/src', domain.name, 'domain.ts'))).toBe(true);
        expect(existsSync(at('contract/src', domain.name, 'index.ts'))).toBe(true);
      });

      it('has its folder in the core, with handlers and an index', () => {
        expect(existsSync(at('server/core/src', domain.name, 'handlers.ts'))).toBe(true);
        expect(existsSync(at('server/core/src', domain.name, 'index.ts'))).toBe(true);
      });

      it('declares its storage as ports, with in-memory adapters in the core and its wiring in the server', () => {
        if (!existsSync(at('server/core/src', domain.name, 'ports.ts'))) return; // a domain that stores nothing
        expect(existsSync(at('server/core/src', domain.name, 'module.ts'))).toBe(true);
        expect(existsSync(at('server/core/src', domain.name, 'memory'))).toBe(true);
        expect(existsSync(at('server/src', domain.name, 'module.ts'))).toBe(true);
      });

      it('tags its operations only with its own tags, and uses every tag it declares', () => {
        const own = new Set(domain.tags.map((tag) => tag.name));
        const used = new Set(domain.operations.flatMap((op) => [...op.tags]));
        for (const tag of used) expect(own, `${domain.name}: tag ${tag}`).toContain(tag);
        for (const tag of own) expect(used, `${domain.name}: tag ${tag} is declared but unused`).toContain(tag);
      });
    });
  }

  it('stores nothing outside a domain folder of the core', () => {
    const folders = readdirSync(at('server/core/src')).filter((name) =>
      statSync(at('server/core/src', name)).isDirectory(),
    );
    const shared = ['auth', 'payments', 'pipeline', 'platform', 'ports'];
    expect(folders.filter((name) => !shared.includes(name)).sort()).toEqual(domains.map((d) => d.name).sort());
  });
});

describe('the rules every folder keeps', () => {
  // A re-export of our own modules, or of a package as a namespace (`export * as z from 'zod'`).
  const reexport = /^export (\*|\* as \w+|\{[^}]*\}|type \{[^}]*\}) from '[^']+';$/;

  it('index.ts files only re-export', () => {
    const indexes = ['contract/src', 'server/core/src'].flatMap((dir) =>
      filesUnder(at(dir)).filter((path) => path.endsWith('/index.ts')),
    );
    expect(indexes.length).toBeGreaterThan(5);
    for (const path of indexes) {
      const text = readFileSync(path, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '')
        .replace(/\{[^}]*\}/g, (block) => block.replace(/\s+/g, ' '));
      for (const line of text
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)) {
        expect(line, relative(root, path)).toMatch(reexport);
      }
    }
  });

  it('no hand-written source file is over 300 lines (data fixtures aside)', () => {
    const data = new Set(['contract/src/fixtures/taxonomy.ts']);
    const sources = ['contract/src', 'server/core/src', 'server/src', 'mocks/src', 'sdk/src'].flatMap((dir) =>
      filesUnder(at(dir)).filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts')),
    );
    const long = sources
      .map((path) => ({ path: relative(root, path), lines: readFileSync(path, 'utf8').split('\n').length }))
      .filter((file) => file.lines > 301 && !data.has(file.path));
    expect(long).toEqual([]);
  });
});
