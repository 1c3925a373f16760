/** The one request body media type the API reads: `application/json`, parameters (charset) allowed. */
export const JSON_MEDIA_TYPE = 'application/json';

/** True when a `Content-Type` header is `application/json`, with or without parameters. */
export function isJsonMediaType(contentType: string | null | undefined): boolean {
  if (!contentType) return false;
  const essence = contentType.split(';', 1)[0] ?? '';
  return essence.trim().toLowerCase() === JSON_MEDIA_TYPE;
}
