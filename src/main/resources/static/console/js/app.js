// The console's shell: a hash router (#/sessions, #/sessions/<id>, #/compositions, #/compositions/<id>,
// #/composer/<session id>, #/key) that renders one page into <main id="main">. Pages are modules loaded when
// first needed, so a module missing from a build breaks only its own page.

import { apiKey, setApiKey, clearApiKey } from './api.js';
import { el, h1, focusHeading } from './dom.js';

const main = document.getElementById('main');

/** route pattern → how to render it; a renderer may answer a cleanup function (stops polling, say). */
const ROUTES = [
  [/^#\/sessions$/, () => page('./sessions.js', m => m.renderSessions(main, context()))],
  [/^#\/sessions\/([^/]+)$/, ([id]) => page('./sessions.js', m => m.renderSession(main, { ...context(), id }))],
  [/^#\/compositions$/, () => page('./compositions.js', m => m.renderCompositions(main, context()))],
  [/^#\/compositions\/([^/]+)$/,
    ([id]) => page('./compositions.js', m => m.renderComposition(main, { ...context(), id }))],
  [/^#\/composer\/([^/]+)$/,
    ([sessionId]) => page('./composer.js', m => m.renderComposer(main, { ...context(), sessionId }))],
  [/^#\/key$/, () => renderKeyPage()],
];

let current = null; // { controller, cleanup }
let keyMessage = '';
let afterKey = '#/sessions';

function context() {
  return { signal: current.controller.signal };
}

async function page(module, render) {
  let loaded;
  try {
    loaded = await import(module);
  } catch (e) {
    main.replaceChildren(h1('Page not available'),
      el('p', {}, `This part of the console is not in this build (${module.slice(2)} could not be loaded).`));
    return null;
  }
  return render(loaded);
}

async function route() {
  if (current) {
    current.controller.abort();
    if (typeof current.cleanup === 'function') current.cleanup();
  }
  current = { controller: new AbortController(), cleanup: null };
  const mine = current;
  let hash = location.hash || '#/sessions';
  if (!apiKey() && hash !== '#/key') {
    afterKey = hash;
    hash = '#/key';
    history.replaceState(null, '', '#/key');
  }
  markCurrentLink(hash);
  const match = ROUTES.map(([pattern, render]) => [pattern.exec(hash), render]).find(([m]) => m);
  if (!match) {
    main.replaceChildren(h1('Not found'), el('p', {}, 'There is no such page. '),
      el('p', {}, el('a', { href: '#/sessions' }, 'Go to the sessions')));
    focusHeading();
    return;
  }
  const cleanup = await match[1](match[0].slice(1).map(decodeURIComponent));
  if (current === mine) mine.cleanup = cleanup;
  else if (typeof cleanup === 'function') cleanup();
}

function markCurrentLink(hash) {
  for (const link of document.querySelectorAll('nav a')) {
    const section = link.getAttribute('href');
    if (hash === section || hash.startsWith(section + '/')) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function renderKeyPage() {
  const input = el('input', {
    id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off', spellcheck: 'false',
    required: '', 'data-testid': 'api-key', 'aria-describedby': 'api-key-help',
  });
  const alert = el('div', { class: 'alert', role: 'alert', tabindex: '-1', 'data-testid': 'key-message' });
  if (keyMessage) alert.textContent = keyMessage;
  else alert.hidden = true;
  const form = el('form', { class: 'card', 'aria-labelledby': 'key-title' },
    alert,
    el('label', { for: 'api-key' }, 'API key'),
    input,
    el('p', { id: 'api-key-help', class: 'help' },
      'Kept in this browser tab only (session storage) and sent to this service as a Bearer token. ' +
      'Closing the tab forgets it.'),
    el('div', { class: 'actions' },
      el('button', { type: 'submit', 'data-testid': 'save-key' }, 'Use this key'),
      el('button', { type: 'button', class: 'secondary', 'data-testid': 'forget-key',
        onclick: () => { clearApiKey(); keyMessage = 'The key is forgotten.'; renderKeyPage(); } }, 'Forget key')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    if (!input.value.trim()) {
      alert.textContent = 'Paste an API key first.';
      alert.hidden = false;
      input.focus();
      return;
    }
    setApiKey(input.value);
    keyMessage = '';
    const next = afterKey === '#/key' ? '#/sessions' : afterKey;
    afterKey = '#/sessions';
    if (location.hash === next) route(); else location.hash = next;
  });
  main.replaceChildren(
    el('h1', { id: 'key-title' }, 'API key'),
    el('p', {}, apiKey() ? 'A key is in use in this tab. Paste another one to replace it.'
      : 'Paste an API key of your Montage account to see its sessions and compositions.'),
    form);
  focusHeading();
  // kept until a key is saved: several refused requests of one page may each bring us here
  if (keyMessage) alert.focus();
}

// A 401 means the key is wrong or revoked: forget it and ask again, saying why.
window.addEventListener('montage:unauthorized', event => {
  const errors = event.detail || [];
  keyMessage = 'The service refused the API key' + (errors.length && errors[0].detail ? ': ' + errors[0].detail : '.')
    + ' Paste a valid key.';
  clearApiKey();
  if (location.hash !== '#/key') afterKey = location.hash;
  if (location.hash === '#/key') route(); else location.hash = '#/key';
});

// The skip link must not change the hash: the hash is the router's.
document.querySelector('.skip-link').addEventListener('click', event => {
  event.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', route);
route();
