import { connect } from 'node:net';

/** Writes raw bytes to a server on 127.0.0.1 and reads everything it answers until it closes. */
export function rawExchange(bytes: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
    socket.write(bytes);
  });
}

/** The status line, headers (lower-case names) and body of a raw HTTP/1.1 answer. */
export function parseRaw(answer: string) {
  const split = answer.indexOf('\r\n\r\n');
  const [statusLine, ...lines] = answer.slice(0, split).split('\r\n');
  const headers = new Map(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  return { statusLine, headers, body: answer.slice(split + 4) };
}
