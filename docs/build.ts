/**
 * `npm run build -w @holiday-peak-hub/docs`: docs/index.html, one self-contained page (Redoc, inline
 * bundle) that works offline and under the server's CSP:
 *  - the reference, from contract/openapi.json;
 *  - the guides (docs/guides/*.md) as the first sidebar group, each a Redoc trait tag (a section
 *    with a description and no operations), their links to one another turned into in-page links;
 *  - Redoc's "API docs by Redocly" logo inlined as a data: URI, where Redoc would fetch it from its
 *    CDN (which the page's CSP, `img-src 'self' data:`, blocks).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GUIDES } from './guides.ts';

const docsDir = fileURLToPath(new URL('.', import.meta.url));
const TITLE = 'Holiday Peak Hub API';

/** Redoc's anchor of a tag section, or of a heading in its description (`#/errors/codes`). */
const anchor = (tag: string, heading = '') =>
  `#/${[tag, heading].filter(Boolean).join('/').toLowerCase().replace(/ /g, '-')}`;

/** A guide's Markdown for the page: no H1 (the tag is the heading), links that work there. */
function guideForPage(markdown: string): string {
  const tagOf = new Map<string, string>(GUIDES);
  return (
    markdown
      .replace(/^# .*\n+/, '')
      // Another guide, or a heading in one: its section of the page.
      .replace(/\]\(([a-z-]+\.md)(?:#([^)]*))?\)/g, (link, file: string, heading?: string) => {
        const tag = tagOf.get(file);
        return tag ? `](${anchor(tag, heading)})` : link;
      })
      // The event document is served beside the page.
      .replace(/\]\(\.\.\/\.\.\/contract\/asyncapi\.json\)/g, '](/asyncapi.json)')
      // Other files of the repository: named, not linked.
      .replace(/\[([^\]]+)\]\(\.\.\/\.\.\/([^)#]+)(#[^)]*)?\)/g, (_link, label: string, path: string) =>
        label === `\`${path}\`` ? label : `${label} (\`${path}\` in the repository)`,
      )
  );
}

interface Spec {
  tags: { name: string; description?: string; 'x-traitTag'?: boolean }[];
  'x-tagGroups'?: { name: string; tags: string[] }[];
}

const spec = JSON.parse(readFileSync(join(docsDir, '..', 'contract', 'openapi.json'), 'utf8')) as Spec;
const reference = spec.tags.map((tag) => tag.name);
const guideTags = GUIDES.map(([file, tag]) => ({
  name: tag,
  description: guideForPage(readFileSync(join(docsDir, 'guides', file), 'utf8')),
  'x-traitTag': true,
}));
const clash = guideTags.find((guide) => reference.includes(guide.name));
if (clash) throw new Error(`guide tag "${clash.name}" is also an API tag: rename it in docs/build.ts`);
spec.tags = [...guideTags, ...spec.tags];
spec['x-tagGroups'] = [
  { name: 'Guides', tags: guideTags.map((tag) => tag.name) },
  { name: 'Reference', tags: reference },
];

const work = mkdtempSync(join(tmpdir(), 'hph-docs-'));
try {
  const specFile = join(work, 'openapi.json');
  writeFileSync(specFile, JSON.stringify(spec));
  const redocly = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
  const args = ['build-docs', specFile, '--inlineBundle', '--template', 'template.html', '--output', 'index.html'];
  const run = spawnSync(process.execPath, [redocly, ...args, '--title', TITLE], {
    cwd: docsDir,
    stdio: 'inherit',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off' },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
} finally {
  rmSync(work, { recursive: true, force: true });
}

// Redoc's attribution logo, drawn here (a wordmark and a monogram) so it loads offline.
const svg = (markup: string) => `data:image/svg+xml;base64,${Buffer.from(markup).toString('base64')}`;
const LOGOS = {
  'https://cdn.redoc.ly/redoc/logo-mini-full.svg': svg(
    '<svg xmlns="http://www.w3.org/2000/svg" width="54" height="14" viewBox="0 0 54 14">' +
      '<text x="0" y="11" font-family="system-ui,-apple-system,Segoe UI,Roboto,sans-serif" font-size="12" font-weight="700" fill="#0044D4">Redocly</text></svg>',
  ),
  'https://cdn.redoc.ly/redoc/logo-mini.svg': svg(
    '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">' +
      '<rect width="16" height="16" rx="3" fill="#0044D4"/>' +
      '<text x="8" y="12" text-anchor="middle" font-family="system-ui,sans-serif" font-size="11" font-weight="700" fill="#fff">R</text></svg>',
  ),
};
const indexPath = join(docsDir, 'index.html');
let html = readFileSync(indexPath, 'utf8');
for (const [url, dataUri] of Object.entries(LOGOS)) {
  const count = html.split(url).length - 1;
  // Redoc changed how it shows its logo: look again at what the page loads (docs.test.ts checks it).
  if (count === 0) throw new Error(`${url} is not in Redoc's bundle any more: update docs/build.ts`);
  html = html.replaceAll(url, dataUri);
}
writeFileSync(indexPath, html);
