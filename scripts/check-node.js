// Preflight of `npm start` and `npm test`: plain JavaScript that any Node runs, so an older Node
// gets a sentence saying what to install instead of ERR_UNKNOWN_FILE_EXTENSION ".ts" (the server
// runs its TypeScript sources directly, which Node does by default from 22.18).
import { readFileSync } from 'node:fs';

const { engines } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const [needMajor, needMinor] = /(\d+)\.(\d+)/.exec(engines.node).slice(1).map(Number);
const [major, minor] = process.versions.node.split('.').map(Number);
// 23.0 to 23.5 strip types only behind a flag; 23.6 and later do it by default.
const ok = major === needMajor ? minor >= needMinor : major > needMajor && !(major === 23 && minor < 6);

if (!ok) {
  process.stderr.write(
    `Holiday Peak Hub needs Node >= ${needMajor}.${needMinor} (found ${process.version}). ` +
      `Install it: \`npm i --prefix .node node@${needMajor} && export PATH=$PWD/.node/node_modules/.bin:$PATH\`, ` +
      'or use nvm with .nvmrc (`nvm install && nvm use`).\n',
  );
  process.exit(1);
}
