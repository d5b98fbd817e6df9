// Compositions: the list, and a composition with its progress (polled while it runs), failure reason, player,
// storyboard for scrubbing, webhook delivery log, and deletion.

import { api, ApiError } from './api.js';
import { announce, clock, count, el, table, when } from './dom.js';
import { alertRegion, shortId, show, showAlert, showFailure } from './pages.js';

const RUNNING = new Set(['enqueued', 'processing']);
const POLL_MILLIS = 1000;
const STORYBOARD_FRAMES = 8;
const TILE_WIDTH = 160;

export async function renderCompositions(main, { signal }) {
  let compositions;
  try {
    compositions = await api('GET', '/v2/room_compositions', { query: { 'page[size]': 250 }, signal });
  } catch (e) {
    showFailure(main, 'Compositions', e);
    return;
  }
  if (signal.aborted) return;
  const rows = compositions.data.map(c => [
    el('a', { href: '#/compositions/' + c.id, 'aria-label': 'Composition ' + c.id }, shortId(c.id)),
    el('a', { href: '#/sessions/' + c.session_id, 'aria-label': 'Session ' + c.session_id }, shortId(c.session_id)),
    el('span', { class: 'status status-' + c.status }, c.status),
    c.progress_percent === null || c.progress_percent === undefined ? '—' : c.progress_percent + ' %',
    when(c.created_at),
  ]);
  show(main,
    el('h1', {}, 'Compositions'),
    rows.length
      ? table(`${count(compositions.meta.total_results, 'composition')}, newest first`,
        ['Composition', 'Session', 'Status', 'Progress', 'Created'], rows, () => ({ 'data-testid': 'composition-row' }))
      : el('p', { class: 'notice' }, 'No compositions yet: open a session and compose it.'));
}

export async function renderComposition(main, { id, signal }) {
  let composition;
  try {
    composition = (await api('GET', '/v2/room_compositions/' + encodeURIComponent(id), { signal })).data;
  } catch (e) {
    showFailure(main, 'Composition ' + shortId(id), e);
    return;
  }
  if (signal.aborted) return;
  const page = new CompositionPage(main, composition, signal);
  page.render();
  return () => page.stop();
}

/** One composition's page; it polls while the composition runs and stops when done or when the page is left. */
class CompositionPage {
  constructor(main, composition, signal) {
    this.main = main;
    this.composition = composition;
    this.signal = signal;
    this.timer = null;
    this.announcedStep = -1;
  }

  render() {
    const c = this.composition;
    this.status = el('span', { class: 'status', 'data-testid': 'composition-status' });
    this.progress = el('progress', { id: 'progress', max: '100', value: '0', 'data-testid': 'progress' });
    this.progressText = el('span', { 'data-testid': 'progress-text' });
    this.failure = el('div', { class: 'alert', role: 'alert', hidden: true, 'data-testid': 'failure-reason' });
    this.facts = el('dl', { class: 'facts' });
    this.media = el('section', { 'aria-labelledby': 'player-title' });
    this.deliveries = el('section', { 'aria-labelledby': 'deliveries-title' });
    this.actionAlert = alertRegion();
    show(this.main,
      el('h1', {}, 'Composition ' + shortId(c.id)),
      // the status line is a live region: screen readers hear "processing", then "completed" (steps of 25 % go
      // through the page's announcer, not every poll)
      el('p', { class: 'status-line', role: 'status', 'aria-live': 'polite' }, 'Status: ', this.status),
      el('label', { for: 'progress' }, 'Progress ', this.progressText),
      this.progress,
      this.failure,
      this.facts,
      this.media,
      this.deliveries,
      el('h2', {}, 'Delete'),
      this.actionAlert,
      this.deleteControls());
    this.update(c);
    this.renderDeliveries();
    if (RUNNING.has(c.status)) this.poll();
  }

  update(c) {
    const before = this.composition.status;
    this.composition = c;
    this.status.textContent = c.status;
    this.status.className = 'status status-' + c.status;
    const percent = c.status === 'completed' ? 100 : (c.progress_percent || 0);
    this.progress.value = percent;
    this.progress.setAttribute('aria-valuetext', percent + ' %');
    this.progressText.textContent = `(${percent} %)`;
    if (RUNNING.has(c.status)) {
      // a screen reader hears every 25 %, not every poll
      const step = Math.floor(percent / 25);
      if (step !== this.announcedStep) {
        this.announcedStep = step;
        announce(`${percent} % composed`);
      }
    }
    if (c.status === 'failed') {
      this.failure.textContent = 'Failed: ' + (c.failure_reason || 'no reason given');
      this.failure.hidden = false;
    }
    this.renderFacts(c);
    if (c.status === 'completed' && (!this.rendered || before !== 'completed')) this.renderMedia(c);
    if (!this.rendered && c.status !== 'completed') {
      this.media.replaceChildren(el('h2', { id: 'player-title' }, 'Video'),
        el('p', {}, RUNNING.has(c.status) ? 'The video appears here when the composition is completed.'
          : 'There is no video.'));
    }
    if (this.rendered && before !== c.status && !RUNNING.has(c.status)) this.renderDeliveries();
    this.rendered = true;
  }

  renderFacts(c) {
    const facts = [
      ['Id', c.id],
      ['Session', el('a', { href: '#/sessions/' + c.session_id }, c.session_id)],
      ['Resolution', c.resolution],
      ['Created', when(c.created_at)],
      ['Completed', when(c.completed_at)],
      ['Duration', c.duration_secs === null || c.duration_secs === undefined ? '—' : c.duration_secs + ' s'],
      ['Size', c.size_mb === null || c.size_mb === undefined ? '—' : c.size_mb + ' MB'],
    ];
    this.facts.replaceChildren(...facts.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]));
  }

  poll() {
    this.timer = setTimeout(async () => {
      if (this.signal.aborted) return;
      try {
        const c = (await api('GET', '/v2/room_compositions/' + this.composition.id, { signal: this.signal })).data;
        if (this.signal.aborted) return;
        this.update(c);
        if (RUNNING.has(c.status)) this.poll();
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) {
          this.failure.textContent = 'The composition was deleted.';
          this.failure.hidden = false;
        } else if (e.name !== 'AbortError' && !(e instanceof ApiError && e.status === 401)) {
          this.poll(); // a network blip: keep watching
        }
      }
    }, POLL_MILLIS);
  }

  stop() {
    clearTimeout(this.timer);
  }

  renderMedia(c) {
    // the signed link's path on this origin: the link's host may be one the page's CSP cannot name (an IPv6
    // literal, another address of this service); the signature covers the path and expiry, not the host
    const signed = new URL(c.download_url);
    const video = el('video', {
      class: 'player', controls: true, preload: 'auto', src: signed.pathname + signed.search, 'data-testid': 'player',
      'aria-label': 'Composed video', 'aria-describedby': 'storyboard-help',
    });
    const tiles = el('ol', { class: 'storyboard', 'data-testid': 'storyboard', 'aria-label': 'Storyboard' });
    this.media.replaceChildren(
      el('h2', { id: 'player-title' }, 'Video'),
      video,
      el('p', {}, el('a', { href: c.download_url, download: '' }, `Download the ${String(c.format || 'mp4').toUpperCase()}`),
        ' (the link is valid for an hour; reload the page for a new one)'),
      el('h3', {}, 'Storyboard'),
      el('p', { id: 'storyboard-help', class: 'help' }, 'Choose a frame to play the video from there.'),
      tiles);
    this.renderStoryboard(c, video, tiles);
  }

  async renderStoryboard(c, video, list) {
    let board = null;
    try {
      board = (await api('GET', `/v2/room_compositions/${c.id}/storyboard`,
        { query: { frames: STORYBOARD_FRAMES, width: TILE_WIDTH }, signal: this.signal })).data;
    } catch (e) {
      if (e.name === 'AbortError') return;
    }
    let sprite = null;
    if (board) {
      try {
        const url = new URL(board.image_url, location.origin);
        const image = await api('GET', url.pathname,
          { accept: 'image/jpeg', query: Object.fromEntries(url.searchParams), signal: this.signal });
        sprite = await createImageBitmap(image.blob);
      } catch (e) {
        if (e.name === 'AbortError') return;
      }
    }
    // without the storyboard (not made yet, or not in this build) the scrubber still seeks, with times only
    const duration = c.duration_secs || 0;
    const tiles = board ? board.tiles
      : Array.from({ length: STORYBOARD_FRAMES }, (_, i) => ({ at: Math.round(duration * i / STORYBOARD_FRAMES * 10) / 10 }));
    // each tile's name says its instant; in a short video whole seconds repeat, so tenths tell them apart
    const wholeSeconds = new Set(tiles.map(tile => Math.floor(tile.at)));
    const precise = wholeSeconds.size < tiles.length;
    const items = [];
    for (const tile of tiles) {
      const label = 'Seek to ' + clock(tile.at, precise);
      const button = el('button', { type: 'button', 'aria-label': label, 'data-testid': 'storyboard-tile',
        'data-at': String(tile.at), title: label,
        onclick: () => {
          video.currentTime = tile.at;
          for (const other of list.querySelectorAll('button')) other.setAttribute('aria-pressed', 'false');
          button.setAttribute('aria-pressed', 'true');
        } });
      button.setAttribute('aria-pressed', 'false');
      if (sprite) {
        const canvas = el('canvas', { width: board.tile_width, height: board.tile_height, 'aria-hidden': 'true' });
        canvas.getContext('2d').drawImage(sprite, tile.x, tile.y, board.tile_width, board.tile_height,
          0, 0, board.tile_width, board.tile_height);
        button.append(canvas);
      }
      button.append(el('span', { class: 'time', 'aria-hidden': 'true' }, clock(tile.at, precise)));
      items.push(el('li', {}, button));
    }
    if (!this.signal.aborted) list.replaceChildren(...items);
  }

  async renderDeliveries() {
    let deliveries;
    try {
      deliveries = await api('GET', `/v2/room_compositions/${this.composition.id}/webhook_deliveries`,
        { query: { 'page[size]': 250 }, signal: this.signal });
    } catch (e) {
      if (e.name !== 'AbortError') {
        this.deliveries.replaceChildren(el('h2', { id: 'deliveries-title' }, 'Webhook deliveries'),
          el('p', {}, 'The delivery log could not be read: ' + e.message));
      }
      return;
    }
    if (this.signal.aborted) return;
    const rows = deliveries.data.map(d => [
      d.event_type, d.url, d.status_code === null || d.status_code === undefined ? (d.error || '—') : String(d.status_code),
      when(d.attempted_at), `${d.outcome} (${d.target}, attempt ${d.attempt})`,
    ]);
    this.deliveries.replaceChildren(
      el('h2', { id: 'deliveries-title' }, 'Webhook deliveries'),
      rows.length
        ? table('Every attempt, newest first', ['Event', 'URL', 'Status', 'Time', 'Outcome'], rows,
          () => ({ 'data-testid': 'delivery-row' }), { captionShown: false })
        : el('p', {}, 'No deliveries: the composition has no webhook URL, or no event was sent yet.'),
      el('button', { type: 'button', class: 'secondary', 'data-testid': 'refresh-deliveries',
        onclick: () => this.renderDeliveries() }, 'Refresh the log'));
  }

  deleteControls() {
    const dialog = el('dialog', { 'aria-labelledby': 'delete-title', 'data-testid': 'delete-dialog' },
      el('h2', { id: 'delete-title' }, 'Delete this composition?'),
      el('p', {}, RUNNING.has(this.composition.status)
        ? 'Its render is stopped and it is removed.' : 'Its video is removed; this cannot be undone.'),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'danger', 'data-testid': 'confirm-delete',
          onclick: async () => {
            dialog.close();
            try {
              await api('DELETE', '/v2/room_compositions/' + this.composition.id);
              this.stop();
              announce('Composition deleted');
              location.hash = '#/compositions';
            } catch (e) {
              showAlert(this.actionAlert, e);
            }
          } }, 'Delete'),
        el('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, 'Cancel')));
    return el('div', {},
      el('button', { type: 'button', class: 'danger', 'data-testid': 'delete',
        onclick: () => dialog.showModal() }, 'Delete composition…'),
      dialog);
  }
}
