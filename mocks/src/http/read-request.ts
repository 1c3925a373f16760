/** The raw parts of a request, shaped as the server's Express parsers shape them. */
export type RawRequest = {
  params: Record<string, string>;
  /** A repeated key becomes an array, as Express's query parser does. */
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  /** `undefined` when there is no body. */
  bodyText: string | undefined;
  contentType: string | null;
};

/** Only the parameters the contract path names (msw adds others for a wildcard origin). */
export function pathParams(path: string, params: Record<string, unknown>): Record<string, string> {
  const names = [...path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1] ?? '');
  return Object.fromEntries(
    names.map((name) => {
      const value = params[name];
      return [name, Array.isArray(value) ? value.join('/') : typeof value === 'string' ? value : ''];
    }),
  );
}

export function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return query;
}

export async function readRequest(
  request: Request,
  path: string,
  params: Record<string, unknown>,
): Promise<RawRequest> {
  const text = request.body === null ? '' : await request.text();
  return {
    params: pathParams(path, params),
    query: queryOf(new URL(request.url)),
    headers: Object.fromEntries(request.headers),
    bodyText: text === '' ? undefined : text,
    contentType: request.headers.get('content-type'),
  };
}
