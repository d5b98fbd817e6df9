// The console's only way to the API: same-origin fetch with the key from sessionStorage as a Bearer token.
// The key never goes to localStorage, a cookie or a URL: it lives as long as the browser tab.

const KEY = 'montage.apiKey';

/** A non-2xx answer. `errors` is the Telnyx envelope's errors[] (empty when the body was not an envelope). */
export class ApiError extends Error {
  constructor(status, errors) {
    super(errors.length ? errors.map(e => e.detail || e.title).join('; ') : `The API answered ${status}.`);
    this.name = 'ApiError';
    this.status = status;
    this.errors = errors;
  }
}

export function apiKey() {
  return sessionStorage.getItem(KEY);
}

export function setApiKey(key) {
  sessionStorage.setItem(KEY, key.trim());
}

export function clearApiKey() {
  sessionStorage.removeItem(KEY);
}

/**
 * Calls `path` of this origin's API (`/v2/room_sessions`, or `/room_sessions` for short) and answers the parsed JSON body, or `{ blob, contentType }` when `accept` asks for an image.
 * `query` is an object of parameters (bracketed keys such as `filter[session_id]` are fine). Throws ApiError on a
 * non-2xx answer; a 401 also tells the app (event `montage:unauthorized`) so it can ask for the key again.
 * `signal` (an AbortSignal) cancels the request: it then rejects with the fetch's own AbortError, not an ApiError.
 */
export async function api(method, path, { body, accept, query, signal } = {}) {
  // both spellings are in use: '/v2/room_sessions' and '/room_sessions' name the same resource
  const url = new URL(path.startsWith('/v2/') ? path : '/v2' + path, location.origin);
  for (const [name, value] of Object.entries(query || {})) {
    if (value !== undefined && value !== null) url.searchParams.set(name, value);
  }
  const headers = { Accept: accept || 'application/json' };
  const key = apiKey();
  if (key) headers.Authorization = 'Bearer ' + key;
  const init = { method, headers, credentials: 'omit', cache: 'no-store', signal };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, [{ title: 'Network error', detail: 'The service could not be reached: ' + e.message }]);
  }
  if (!response.ok) {
    const errors = await envelopeErrors(response);
    if (response.status === 401) {
      window.dispatchEvent(new CustomEvent('montage:unauthorized', { detail: errors }));
    }
    throw new ApiError(response.status, errors);
  }
  if (accept && accept.startsWith('image/')) {
    return { blob: await response.blob(), contentType: response.headers.get('Content-Type') };
  }
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

async function envelopeErrors(response) {
  try {
    const json = await response.json();
    return Array.isArray(json && json.errors) ? json.errors : [];
  } catch {
    return [];
  }
}
