// What every page of the console shares: a loading state, the failure of a load, short ids.

import { ApiError } from './api.js';
import { el, focusHeading } from './dom.js';

/** The first 8 characters of a UUID: enough to tell rows apart, the full id is in the page's address. */
export function shortId(id) {
  return String(id).slice(0, 8);
}

/** Replaces the page with its heading and content, then focuses the heading (a page change for screen readers). */
export function show(main, ...children) {
  main.replaceChildren(...children);
  focusHeading();
}

/** The page for a load that failed: the API's message in an alert, 401s are handled by the app. */
export function showFailure(main, title, error) {
  if (error && error.name === 'AbortError') return;
  if (error instanceof ApiError && error.status === 401) return;
  const message = error instanceof ApiError && error.status === 404
    ? 'It does not exist, or it was deleted.'
    : (error && error.message) || 'Something went wrong.';
  show(main, el('h1', {}, title), el('div', { class: 'alert', role: 'alert', 'data-testid': 'page-error' }, message));
}

/** An alert region for errors of actions on a page (hidden while empty); fields.js fills it too. */
export function alertRegion() {
  return el('div', { class: 'alert', role: 'alert', tabindex: '-1', hidden: true, 'data-testid': 'alert' });
}

export function showAlert(region, error) {
  if (error && error.name === 'AbortError') return;
  if (error instanceof ApiError && error.status === 401) return;
  region.textContent = (error && error.message) || String(error);
  region.hidden = false;
  region.focus();
}
