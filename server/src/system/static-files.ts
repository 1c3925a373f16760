import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../../../', import.meta.url);

/** Reads a generated file of the repository (spec, docs), or undefined when it was not generated. */
export function readGenerated(relativePath: string): Buffer | undefined {
  try {
    return readFileSync(fileURLToPath(new URL(relativePath, root)));
  } catch {
    return undefined;
  }
}
