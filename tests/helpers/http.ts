// A tiny HTTP client for tests: JSON in, {status, body, headers} out.
export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function request<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.raw !== undefined) {
    body = opts.raw;
    headers['content-type'] ??= 'application/json';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(baseUrl + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export const client = (baseUrl: string, token?: string) => ({
  get: <T = any>(p: string) => request<T>(baseUrl, 'GET', p, { token }),
  post: <T = any>(p: string, body?: unknown) => request<T>(baseUrl, 'POST', p, { token, body }),
  put: <T = any>(p: string, body?: unknown) => request<T>(baseUrl, 'PUT', p, { token, body }),
  del: <T = any>(p: string, body?: unknown) => request<T>(baseUrl, 'DELETE', p, { token, body }),
});
