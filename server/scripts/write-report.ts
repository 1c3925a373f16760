import { readFileSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';

/**
 * Puts a benchmark's report between `<!-- name:start -->` and `<!-- name:end -->` in a Markdown
 * file, formatted as the repository formats Markdown. True when the markers were found.
 */
export async function writeReport(docPath: string, name: string, report: string): Promise<boolean> {
  const doc = readFileSync(docPath, 'utf8');
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to <= from) return false;
  const updated = `${doc.slice(0, from + start.length)}\n${report}\n${doc.slice(to)}`;
  const options = (await prettier.resolveConfig(docPath)) ?? {};
  writeFileSync(docPath, await prettier.format(updated, { ...options, filepath: docPath }));
  return true;
}
