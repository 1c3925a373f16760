/**
 * Every ```ts (and ```tsx) block of the READMEs a new user copies from must typecheck against the
 * workspace packages, resolved to their sources by the `@holiday-peak-hub/source` condition of the
 * root tsconfig.json. Each block is compiled as a module of its own, next to the README it comes
 * from. A block whose info string says `no-check` (```ts no-check) is a deliberate fragment and skipped.
 *
 * Examples leave some names to the reader (the app's own `email`, `password`, an MSAL instance, …):
 * they are declared below, per README, with the types the examples expect of them.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The READMEs checked, with the names their examples assume the reader has. */
const readmes: Record<string, string> = {
  'README.md': '',
  'sdk/README.md': `
    declare const client: import('@holiday-peak-hub/sdk').Client;
    declare const email: string;
    declare const password: string;
    declare const id: string;
    declare const etag: string;
    declare const newName: string;
    declare function setSignedIn(signedIn: boolean): void;
    declare function showAccount(user: import('@holiday-peak-hub/sdk').User): void;
    declare function reloadAndRetry(): void;
    declare function askForCode(): Promise<string>;
    declare const secureStore: import('@holiday-peak-hub/sdk').TokenStorage;
    declare const API_SCOPE: string;
    declare const account: { homeAccountId: string };
    declare const msal: {
      acquireTokenSilent(request: { scopes: string[]; account: typeof account }): Promise<{ accessToken: string }>;
    };
    declare function signInWithGoogle(provider: import('@holiday-peak-hub/sdk').AuthProvider | undefined): Promise<string>;
  `,
  'mocks/README.md': '',
  'server/core/README.md': '',
  'docs/guides/events.md': '',
};

interface Example {
  readme: string;
  line: number;
  file: string;
  source: string;
  skipped: boolean;
}

const FENCE = /^```(\S*)(.*)$/;
const CHECKED = new Set(['ts', 'typescript', 'tsx']);

function examplesOf(readme: string): Example[] {
  const lines = readFileSync(join(root, readme), 'utf8').split('\n');
  const examples: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? '');
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    while (++i < lines.length && !(lines[i] ?? '').startsWith('```')) body.push(lines[i] ?? '');
    const language = open[1] ?? '';
    if (!CHECKED.has(language)) continue;
    const extension = language === 'tsx' ? 'tsx' : 'ts';
    examples.push({
      readme,
      line: start + 1,
      // Beside the README, so its imports resolve as they would in the repository.
      file: join(root, dirname(readme), `.readme-example-${start + 1}.${extension}`),
      // `export {}` makes every block a module: its own scope, and top-level await allowed.
      source: `${body.join('\n')}\nexport {};\n`,
      skipped: /\bno-check\b/.test(open[2] ?? ''),
    });
  }
  return examples;
}

const examples = Object.keys(readmes).flatMap(examplesOf);
const checked = examples.filter((example) => !example.skipped);

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root, undefined, configPath);
  return { ...parsed.options, noEmit: true, jsx: ts.JsxEmit.ReactJSX };
}

function format(diagnostic: ts.Diagnostic, example: Example): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (diagnostic.file === undefined || diagnostic.start === undefined) return message;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${example.readme}:${example.line + 1 + line}:${character + 1}: ${message}`;
}

let diagnostics: Map<string, string[]>;

beforeAll(() => {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options, true);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  let virtual = new Map<string, string>();
  // The packages' own sources are parsed once and shared by the programs of every README.
  const parsed = new Map<string, ts.SourceFile | undefined>();
  host.fileExists = (file) => virtual.has(file) || fileExists(file);
  host.readFile = (file) => virtual.get(file) ?? readFile(file);
  host.getSourceFile = (file, language, onError, shouldCreate) => {
    const text = virtual.get(file);
    if (text !== undefined) return ts.createSourceFile(file, text, language, true);
    if (!parsed.has(file)) parsed.set(file, getSourceFile(file, language, onError, shouldCreate));
    return parsed.get(file);
  };

  diagnostics = new Map();
  let program: ts.Program | undefined;
  // One program per README, so the names one README leaves to the reader are unknown to the others.
  for (const [readme, declarations] of Object.entries(readmes)) {
    const own = checked.filter((example) => example.readme === readme);
    if (own.length === 0) continue;
    const prelude = join(root, dirname(readme), '.readme-example-prelude.d.ts');
    virtual = new Map([[prelude, declarations], ...own.map((example) => [example.file, example.source] as const)]);
    program = ts.createProgram([...virtual.keys()], options, host, program);
    const preludeFile = program.getSourceFile(prelude);
    const preludeErrors = preludeFile ? program.getSemanticDiagnostics(preludeFile) : [];
    if (preludeErrors.length > 0) {
      const messages = preludeErrors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      throw new Error(`The names declared for ${readme} do not typecheck:\n${messages.join('\n')}`);
    }
    for (const example of own) {
      const sourceFile = program.getSourceFile(example.file);
      const found = sourceFile
        ? [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]
        : [];
      diagnostics.set(
        example.file,
        sourceFile ? found.map((diagnostic) => format(diagnostic, example)) : ['not compiled'],
      );
    }
  }
}, 120_000);

describe('README examples', () => {
  it('finds the examples of the SDK and mocks READMEs', () => {
    expect(checked.some((example) => example.readme === 'sdk/README.md')).toBe(true);
    expect(checked.some((example) => example.readme === 'mocks/README.md')).toBe(true);
  });

  it.each(checked.map((example) => [`${example.readme}:${example.line}`, example] as const))(
    '%s typechecks',
    (_name, example) => {
      expect(diagnostics.get(example.file), relative(root, example.file)).toEqual([]);
    },
  );
});
