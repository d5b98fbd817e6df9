// Small helpers for building the pages with the DOM (no innerHTML of data: nothing the API answers is markup).

/** el('a', { href: '#/x', class: 'c', onclick: fn }, 'text', child...) */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export function h1(text) {
  return el('h1', {}, text);
}

let firstPage = true;

/**
 * After a page change, focus goes to its heading, so keyboard and screen-reader users start there. Not on the first
 * page of a load: there focus stays at the top of the document, where the first Tab reaches the skip link.
 */
export function focusHeading() {
  const heading = document.querySelector('main h1');
  if (heading) {
    heading.tabIndex = -1;
    if (!firstPage) heading.focus();
    firstPage = false;
    document.title = heading.textContent + ' — Montage console';
    announce(heading.textContent);
  }
}

/** Says `text` to screen readers through the page's polite live region. */
export function announce(text) {
  const region = document.getElementById('announcer');
  if (region) region.textContent = text;
}

/** "2024-05-01 10:00:01 UTC" from an ISO timestamp; a dash when absent. */
export function when(iso) {
  if (!iso) return '—';
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') + ' UTC';
}

/** "0:03", "1:02:05" from seconds; with `tenths`, "0:03.4". */
export function clock(seconds, tenths = false) {
  const s = Math.floor(seconds);
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  let rest = String(s % 60).padStart(2, '0');
  if (tenths) rest += '.' + Math.floor((seconds - s) * 10 + 1e-6);
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/**
 * A table with a caption, column headers and rows of cells (strings or nodes). Each cell carries its column's name
 * (`data-label`), which a phone's narrow layout shows before the value, and explicit ARIA roles, which keep the
 * table a table for screen readers when that layout displays its parts as blocks. A caption that repeats the
 * heading above the table is for screen readers only (`captionShown: false`).
 */
export function table(caption, headers, rows, rowAttributes = () => ({}), { captionShown = true } = {}) {
  return el('div', { class: 'table-wrap' },
    el('table', { role: 'table' },
      el('caption', { class: captionShown ? null : 'visually-hidden' }, caption),
      el('thead', { role: 'rowgroup' },
        el('tr', { role: 'row' }, headers.map(name => el('th', { scope: 'col', role: 'columnheader' }, name)))),
      el('tbody', { role: 'rowgroup' }, rows.map((cells, i) => el('tr', { role: 'row', ...rowAttributes(i) },
        cells.map((cell, column) => el('td', { role: 'cell', 'data-label': headers[column] }, cell)))))));
}

/** "1 session", "3 sessions". */
export function count(n, noun) {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
