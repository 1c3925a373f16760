// A browser's cookie jar for Node's fetch (which keeps no cookies), for tests against the real server: it stores what
// `Set-Cookie` says and sends back, to requests made with `credentials: 'include'`, the cookies whose Path matches.
// `Secure` is ignored (the test server speaks plain HTTP on 127.0.0.1, which browsers also accept).

interface Cookie {
  value: string;
  path: string;
}

function parseSetCookie(line: string): [name: string, cookie: Cookie | undefined] {
  const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
  const name = pair.slice(0, pair.indexOf('='));
  const value = pair.slice(pair.indexOf('=') + 1);
  let path = '/';
  let expired = value === '';
  for (const attribute of attributes) {
    const [key = '', setting = ''] = attribute.split('=');
    if (key.toLowerCase() === 'path') path = setting;
    if (key.toLowerCase() === 'max-age' && Number(setting) <= 0) expired = true;
    if (key.toLowerCase() === 'expires' && Date.parse(setting) <= Date.now()) expired = true;
  }
  return [name, expired ? undefined : { value, path }];
}

export function createCookieJar(fetch: typeof globalThis.fetch = globalThis.fetch) {
  const cookies = new Map<string, Cookie>();
  const jarFetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    const sent = [...cookies]
      .filter(([, cookie]) => path === cookie.path || path.startsWith(`${cookie.path.replace(/\/$/, '')}/`))
      .map(([name, cookie]) => `${name}=${cookie.value}`);
    if (request.credentials === 'include' && sent.length > 0) request.headers.set('cookie', sent.join('; '));
    const response = await fetch(request);
    for (const line of response.headers.getSetCookie()) {
      const [name, cookie] = parseSetCookie(line);
      if (cookie) cookies.set(name, cookie);
      else cookies.delete(name);
    }
    return response;
  };
  return { fetch: jarFetch, names: () => [...cookies.keys()] };
}
