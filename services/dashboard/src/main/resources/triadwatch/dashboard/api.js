// The JSON API of the server that served this page. Paths are relative, so the page also works
// behind a reverse proxy that mounts Triadwatch under a prefix.

/** A non-2xx answer; message carries the server's JSON error message when there is one. */
export class HttpError extends Error {
  constructor(status, path, detail) {
    super(`HTTP ${status}${detail ? ': ' + detail : ''}`);
    this.status = status;
    this.path = path;
  }
}

export async function getJson(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) {
    let detail = '';
    try {
      const body = await res.json();
      detail = body.message || body.error || '';
    } catch (ignored) {
      // not JSON: the status says enough
    }
    throw new HttpError(res.status, path, detail);
  }
  return res.json();
}

function withParam(path, name, value) {
  return `${path}${path.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}`;
}

/**
 * The items of a list answer: a bare array, or pages {items, ...} followed up to maxPages, by
 * nextCursor (cursor paging) or by total/offset (offset paging).
 */
export async function getList(path, maxPages = 20) {
  const out = [];
  let body = await getJson(path);
  for (let page = 1; ; page++) {
    if (Array.isArray(body)) {
      out.push(...body);
      return out;
    }
    const items = body.items || [];
    out.push(...items);
    if (page >= maxPages || !items.length) return out;
    if (body.nextCursor) {
      body = await getJson(withParam(path, 'cursor', body.nextCursor));
    } else if (typeof body.total === 'number' && out.length < body.total) {
      body = await getJson(withParam(path, 'offset', out.length));
    } else {
      return out;
    }
  }
}

export const paths = {
  triads: 'api/triads',
  dyad: (a, b) => `api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}`,
  history: (a, b) => `api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/history`,
  alerts: (limit) => `api/alerts?limit=${limit}`,
  stream: 'api/alerts/stream',
};
