import type { Exchange as HttpExchange } from '@holiday-peak-hub/core';

/** An HttpExchange for calling handlers and services without HTTP: cookies in a map. */
export function memoryHttpExchange(ip = '127.0.0.1'): HttpExchange & { cookies: Map<string, string> } {
  const cookies = new Map<string, string>();
  return {
    ip,
    userAgent: 'vitest',
    cookies,
    cookie: (name) => cookies.get(name),
    setCookie: (name, value) => cookies.set(name, value),
    clearCookie: (name) => cookies.delete(name),
  };
}
