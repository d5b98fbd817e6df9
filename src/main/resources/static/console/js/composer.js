// The composer: edits a composition's layout on a scaled canvas and in a form, shows the live preview of the plan
// (POST /v2/room_compositions/preview) and creates the composition with the very body it previewed.
//
// One state object is the truth; the canvas boxes, the form and the JSON view are drawn from it, and every edit
// goes through `change()`, which redraws what depends on it and schedules the preview. The body sent is built from
// the state by `requestBody()` and nothing else, so what the JSON view shows is what the server receives.

import { api, ApiError } from './api.js';
import { showErrors, clearErrors } from './fields.js';

const RESOLUTIONS = ['1280x720', '960x540', '640x360', '320x180', '640x480', '720x720', '720x1280'];
const MIN_SIDE = 16; // the server's smallest region side and resolution side
// the encoder points an operator sets (montage.media.quality.*): docs/compositions.md#quality-and-frame-rate
const QUALITIES = [
  ['fast', 'fast: smaller, quicker'], ['standard', 'standard (default)'], ['high', 'high: sharper, slower'],
];
const PREVIEW_DELAY_MS = 300;
const REUSE_MODES = [
  ['show_oldest', 'show_oldest (default): a newcomer waits for a free cell'],
  ['show_newest', 'show_newest: a newcomer takes the cell of the source ending first'],
  ['none', 'none: each cell is used once'],
];
const DEFAULT_DOMINANCE_MS = 1000;
const DEFAULT_HOLD_MS = 2000;

let uniqueIds = 0;

/**
 * Renders the composer for the session `sessionId` into `main` (the console's `<main>`). `signal` is the page's:
 * when it aborts (the user went elsewhere) the pending preview is cancelled. Answers the cleanup, which does the same.
 */
export function renderComposer(main, { sessionId, signal }) {
  main.replaceChildren();
  const composer = new Composer(main, sessionId);
  const stop = () => composer.stop();
  signal?.addEventListener('abort', stop, { once: true });
  composer.start();
  return stop;
}

class Composer {
  constructor(main, sessionId) {
    this.main = main;
    this.sessionId = sessionId;
    this.participants = [];
    this.recordings = [];
    this.state = {
      resolution: { width: 1280, height: 720 },
      customResolution: false,
      format: 'mp4',
      quality: 'standard',
      trim: true,
      backgroundColor: '#000000',
      audio: { all: true, ids: [], globs: '' },
      audioExcluded: { ids: [], globs: '' },
      webhookUrl: '',
      regions: [newRegion('main', { x_pos: 0, y_pos: 0, width: 1280, height: 720 })],
      selected: 'main',
      at: 0,
      duration: 0,
    };
    this.boxes = new Map(); // region name -> its box on the canvas
    this.previewTimer = null;
    this.previewAbort = null;
    this.previewVersion = 0;
    this.stopped = false;
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.previewTimer);
    this.previewAbort?.abort();
  }

  async start() {
    this.buildSkeleton();
    try {
      const [participants, recordings] = await Promise.all([
        api('GET', `/v2/room_sessions/${encodeURIComponent(this.sessionId)}/participants`,
          { query: { 'page[size]': 250 } }),
        api('GET', '/v2/room_recordings', { query: { 'filter[session_id]': this.sessionId, 'page[size]': 250 } }),
      ]);
      this.participants = participants.data ?? [];
      this.recordings = recordings.data ?? [];
    } catch (e) {
      this.summaryError(e, 'The session could not be loaded');
    }
    this.sessionInfo.textContent = `Session ${this.sessionId}: ${this.participants.length} participant(s), `
      + `${this.recordings.length} recording(s).`;
    this.renderAll();
    this.root.dataset.ready = 'true';
    this.schedulePreview(0);
  }

  // ---------------------------------------------------------------- skeleton

  buildSkeleton() {
    const root = el('section', { class: 'composer', 'data-testid': 'composer', 'aria-labelledby': 'composer-title' });
    this.root = root;
    const title = el('h1', { id: 'composer-title' }, 'Composer');
    this.sessionInfo = el('p', { class: 'composer-session' });
    this.alert = el('div', { role: 'alert', class: 'alert', tabindex: '-1', 'data-testid': 'composer-alert' });
    this.alert.hidden = true;
    this.announcer = el('p', { class: 'visually-hidden', 'aria-live': 'polite', 'data-testid': 'composer-announce' });

    // the canvas column: editor, preview
    const canvasColumn = el('div', { class: 'composer-stage' });
    const toolbar = el('div', { class: 'composer-toolbar', role: 'toolbar', 'aria-label': 'Regions' });
    this.addButton = button('Add region', () => this.addRegion(), { 'data-testid': 'add-region' });
    this.duplicateButton = button('Duplicate region', () => this.duplicateRegion(), { 'data-testid': 'duplicate-region' });
    this.removeButton = button('Remove region', () => this.removeRegion(), { 'data-testid': 'remove-region' });
    toolbar.append(this.addButton, this.duplicateButton, this.removeButton);
    const help = el('p', { id: 'composer-canvas-help', class: 'composer-help' },
      'Drag a region to move it, drag its corner to resize it. With a region focused: arrow keys move it by one '
      + 'pixel, Shift + arrow keys resize it, Alt with either steps ten pixels.');
    this.canvas = el('div', { class: 'composer-canvas', 'data-testid': 'canvas' });
    const editor = el('section', { class: 'composer-editor', 'aria-labelledby': 'composer-canvas-title' },
      el('h2', { id: 'composer-canvas-title' }, 'Canvas'), toolbar, help, this.canvas);

    this.preview = el('div', { class: 'composer-preview-image', 'data-testid': 'preview', 'aria-busy': 'false' });
    this.timeSlider = el('input', { type: 'range', id: 'composer-at', min: '0', max: '0', step: '0.1', value: '0',
      'data-testid': 'preview-at' });
    this.timeOutput = el('output', { for: 'composer-at', 'data-testid': 'preview-at-value' }, '0.0 s');
    this.timeSlider.addEventListener('input', () => {
      this.state.at = Number(this.timeSlider.value);
      this.timeOutput.textContent = `${this.state.at.toFixed(1)} s`;
      this.schedulePreview();
    });
    this.notShown = el('ul', { 'data-testid': 'not-shown' });
    this.warnings = el('ul', { 'data-testid': 'warnings' });
    this.previewSummary = el('p', { 'data-testid': 'preview-summary' });
    const previewSection = el('section', { class: 'composer-preview', 'aria-labelledby': 'composer-preview-title' },
      el('h2', { id: 'composer-preview-title' }, 'Preview'),
      el('div', { class: 'composer-time' }, el('label', { for: 'composer-at' }, 'Time'), this.timeSlider,
        this.timeOutput),
      this.preview, this.previewSummary,
      el('h3', {}, 'Not shown'), this.notShown,
      el('h3', {}, 'Warnings'), this.warnings);
    canvasColumn.append(editor, previewSection);

    // the form column
    this.compositionForm = el('div', { class: 'composer-fields' });
    this.regionForm = el('div', { class: 'composer-fields' });
    const form = el('form', { class: 'composer-form', novalidate: '', 'aria-label': 'Composition' },
      el('section', { 'aria-labelledby': 'composer-region-title' },
        el('h2', { id: 'composer-region-title' }, 'Region'), this.regionForm),
      el('section', { 'aria-labelledby': 'composer-composition-title' },
        el('h2', { id: 'composer-composition-title' }, 'Composition'), this.compositionForm));
    form.addEventListener('submit', (e) => { e.preventDefault(); this.create(); });
    this.createButton = el('button', { type: 'submit', class: 'primary', 'data-testid': 'create-composition' },
      'Create composition');
    // errors that point at no field on the page: by the button, where a create's answer is looked for, and
    // below the canvas, so that their coming and going never moves a region under the pointer
    form.append(this.alert, this.createButton);

    this.json = el('pre', { class: 'composer-json', 'data-testid': 'composer-json', tabindex: '0',
      'aria-labelledby': 'composer-json-title' });
    const jsonSection = el('section', { class: 'composer-json-section' },
      el('h2', { id: 'composer-json-title' }, 'Request body (JSON)'), this.json);

    const layout = el('div', { class: 'composer-layout' }, canvasColumn, form);
    root.append(title, this.sessionInfo, this.announcer, layout, jsonSection);
    this.main.append(root);
  }

  renderAll() {
    this.renderCanvas();
    this.renderRegionForm();
    this.renderCompositionForm();
    this.renderJson();
  }

  // ---------------------------------------------------------------- state changes

  region(name = this.state.selected) {
    return this.state.regions.find((r) => r.name === name);
  }

  /** Every edit ends here: redraw what depends on the state and schedule a preview. */
  change({ canvas = true, form = false, composition = false } = {}) {
    if (canvas) this.renderCanvas();
    if (form) this.renderRegionForm(); else this.syncGeometryInputs();
    if (composition) this.renderCompositionForm();
    this.renderJson();
    this.schedulePreview();
  }

  select(name) {
    if (this.state.selected === name) return;
    this.state.selected = name;
    this.renderCanvas();
    this.renderRegionForm();
  }

  addRegion() {
    const { width: W, height: H } = this.state.resolution;
    const w = Math.max(MIN_SIDE, Math.round(W / 4));
    const h = Math.max(MIN_SIDE, Math.round(H / 4));
    const name = this.freeName('region');
    const z = Math.max(0, ...this.state.regions.map((r) => toInt(r.z_pos) ?? 0)) + 1;
    this.state.regions.push(newRegion(name, { x_pos: W - w, y_pos: H - h, width: w, height: h, z_pos: z }));
    this.state.selected = name;
    this.change({ form: true });
    this.announce(`Region ${name} added`);
    this.boxes.get(name)?.focus();
  }

  duplicateRegion() {
    const source = this.region();
    if (!source) return;
    const { width: W, height: H } = this.state.resolution;
    const copy = structuredClone(source);
    copy.name = this.freeName(source.name);
    copy.x_pos = clamp((toInt(source.x_pos) ?? 0) + 16, 0, W - (toInt(source.width) ?? W));
    copy.y_pos = clamp((toInt(source.y_pos) ?? 0) + 16, 0, H - (toInt(source.height) ?? H));
    copy.z_pos = Math.max(...this.state.regions.map((r) => toInt(r.z_pos) ?? 0)) + 1;
    this.state.regions.push(copy);
    this.state.selected = copy.name;
    this.change({ form: true });
    this.announce(`Region ${copy.name} added, a copy of ${source.name}`);
    this.boxes.get(copy.name)?.focus();
  }

  removeRegion() {
    if (this.state.regions.length <= 1) return;
    const name = this.state.selected;
    this.state.regions = this.state.regions.filter((r) => r.name !== name);
    for (const r of this.state.regions) {
      r.exclude_shown_in = r.exclude_shown_in.filter((n) => n !== name);
      r.expand_into = r.expand_into.filter((n) => n !== name);
    }
    this.state.selected = this.state.regions[0].name;
    this.change({ form: true });
    this.announce(`Region ${name} removed`);
    this.boxes.get(this.state.selected)?.focus();
  }

  freeName(base) {
    const taken = new Set(this.state.regions.map((r) => r.name));
    for (let i = 2; ; i++) {
      if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
    }
  }

  rename(region, input) {
    const name = input.value.trim();
    if (name === region.name) return;
    const pointer = input.dataset.pointer;
    if (!name || this.state.regions.some((r) => r.name === name)) {
      showErrors(this.root, [{ detail: name ? `Another region is already named ${name}` : 'A region needs a name',
        source: { pointer } }]);
      return;
    }
    const old = region.name;
    region.name = name;
    for (const r of this.state.regions) {
      r.exclude_shown_in = r.exclude_shown_in.map((n) => (n === old ? name : n));
      r.expand_into = r.expand_into.map((n) => (n === old ? name : n));
    }
    this.state.selected = name;
    this.change({ form: true });
    this.regionForm.querySelector(`[data-field="name"]`)?.focus();
  }

  /** A new canvas size: regions keep their place and share of the canvas (scaled, whole pixels, inside). */
  resize(width, height) {
    const old = this.state.resolution;
    if (!(width >= MIN_SIDE && height >= MIN_SIDE)) {
      this.state.resolution = { width, height }; // the server says what is wrong with it
      this.change({ form: true, composition: false });
      return;
    }
    const sx = width / old.width;
    const sy = height / old.height;
    for (const r of this.state.regions) {
      const x = toInt(r.x_pos); const y = toInt(r.y_pos); const w = toInt(r.width); const h = toInt(r.height);
      if ([x, y, w, h].some((v) => v === null) || !(sx > 0 && sy > 0)) continue;
      r.width = clamp(Math.round(w * sx), Math.min(MIN_SIDE, width), width);
      r.height = clamp(Math.round(h * sy), Math.min(MIN_SIDE, height), height);
      r.x_pos = clamp(Math.round(x * sx), 0, width - r.width);
      r.y_pos = clamp(Math.round(y * sy), 0, height - r.height);
    }
    this.state.resolution = { width, height };
    this.change({ form: true });
  }

  // ---------------------------------------------------------------- the canvas

  renderCanvas() {
    const { width: W, height: H } = this.state.resolution;
    const validCanvas = W >= MIN_SIDE && H >= MIN_SIDE;
    const [cw, ch] = validCanvas ? [W, H] : [16, 9];
    this.canvas.style.aspectRatio = `${cw} / ${ch}`;
    // a portrait canvas must not grow taller than the window: its width follows from a height of 70vh at most
    this.canvas.style.width = `min(100%, ${((70 * cw) / ch).toFixed(3)}vh)`;
    this.canvas.style.backgroundColor = /^#[0-9a-fA-F]{6}$/.test(this.state.backgroundColor)
      ? this.state.backgroundColor : '#000000';
    this.canvas.dataset.width = String(W);
    this.canvas.dataset.height = String(H);

    const names = new Set(this.state.regions.map((r) => r.name));
    for (const [name, box] of this.boxes) {
      if (!names.has(name)) { box.remove(); this.boxes.delete(name); }
    }
    for (const region of this.state.regions) {
      let box = this.boxes.get(region.name);
      if (!box) {
        box = this.makeBox(region.name);
        this.boxes.set(region.name, box);
        this.canvas.append(box);
      }
      this.placeBox(box, region, cw, ch);
    }
    this.removeButton.disabled = this.state.regions.length <= 1;
  }

  makeBox(name) {
    const box = el('div', { class: 'region-box', tabindex: '0', role: 'button', 'data-testid': 'region',
      'data-region-name': name, 'aria-roledescription': 'movable region', 'aria-describedby': 'composer-canvas-help' });
    const label = el('span', { class: 'region-label' });
    const handle = el('span', { class: 'region-handle', 'data-testid': 'region-resize', 'aria-hidden': 'true' });
    box.append(label, handle);
    box.addEventListener('pointerdown', (e) => this.startDrag(e, box, e.target === handle ? 'resize' : 'move'));
    box.addEventListener('keydown', (e) => this.keyOnBox(e, box));
    box.addEventListener('focus', () => this.select(box.dataset.regionName));
    return box;
  }

  placeBox(box, region, W, H) {
    const x = toInt(region.x_pos) ?? 0;
    const y = toInt(region.y_pos) ?? 0;
    const w = toInt(region.width) ?? W - x;
    const h = toInt(region.height) ?? H - y;
    box.style.left = `${(100 * x) / W}%`;
    box.style.top = `${(100 * y) / H}%`;
    box.style.width = `${(100 * w) / W}%`;
    box.style.height = `${(100 * h) / H}%`;
    box.style.zIndex = String(100 + (toInt(region.z_pos) ?? 0));
    box.classList.toggle('selected', region.name === this.state.selected);
    box.setAttribute('aria-pressed', String(region.name === this.state.selected));
    const numbers = `x ${x}, y ${y}, ${w} by ${h}`;
    box.setAttribute('aria-label', `Region ${region.name}: ${numbers}`);
    box.querySelector('.region-label').textContent = `${region.name} · ${x},${y} ${w}×${h}`;
  }

  /** Canvas pixels per CSS pixel of the drawn canvas. */
  canvasScale() {
    return this.state.resolution.width / this.canvas.getBoundingClientRect().width;
  }

  startDrag(event, box, mode) {
    if (event.button !== 0) return;
    const region = this.region(box.dataset.regionName);
    if (!region) return;
    event.preventDefault();
    this.select(region.name);
    box.focus({ preventScroll: true });
    box.setPointerCapture(event.pointerId);
    const scale = this.canvasScale();
    const { width: W, height: H } = this.state.resolution;
    const start = {
      px: event.clientX, py: event.clientY,
      x: toInt(region.x_pos) ?? 0, y: toInt(region.y_pos) ?? 0,
    };
    start.w = toInt(region.width) ?? W - start.x;
    start.h = toInt(region.height) ?? H - start.y;
    const move = (e) => {
      // snapped to whole canvas pixels and kept inside the canvas
      const dx = Math.round((e.clientX - start.px) * scale);
      const dy = Math.round((e.clientY - start.py) * scale);
      if (mode === 'move') {
        region.x_pos = clamp(start.x + dx, 0, Math.max(0, W - start.w));
        region.y_pos = clamp(start.y + dy, 0, Math.max(0, H - start.h));
      } else {
        region.width = clamp(start.w + dx, MIN_SIDE, W - start.x);
        region.height = clamp(start.h + dy, MIN_SIDE, H - start.y);
      }
      this.change();
    };
    const end = () => {
      box.removeEventListener('pointermove', move);
      box.removeEventListener('pointerup', end);
      box.removeEventListener('pointercancel', end);
      this.announce(box.getAttribute('aria-label'));
    };
    box.addEventListener('pointermove', move);
    box.addEventListener('pointerup', end);
    box.addEventListener('pointercancel', end);
  }

  keyOnBox(event, box) {
    const steps = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[event.key];
    if (!steps) return;
    event.preventDefault();
    const region = this.region(box.dataset.regionName);
    const { width: W, height: H } = this.state.resolution;
    const step = event.altKey ? 10 : 1;
    const x = toInt(region.x_pos) ?? 0;
    const y = toInt(region.y_pos) ?? 0;
    const w = toInt(region.width) ?? W - x;
    const h = toInt(region.height) ?? H - y;
    if (event.shiftKey) {
      region.width = clamp(w + steps[0] * step, MIN_SIDE, W - x);
      region.height = clamp(h + steps[1] * step, MIN_SIDE, H - y);
    } else {
      region.x_pos = clamp(x + steps[0] * step, 0, Math.max(0, W - w));
      region.y_pos = clamp(y + steps[1] * step, 0, Math.max(0, H - h));
    }
    this.change();
    this.announce(box.getAttribute('aria-label'));
  }

  announce(text) {
    // a fresh text node each time, so screen readers speak a repeated message again
    this.announcer.textContent = '';
    requestAnimationFrame(() => { this.announcer.textContent = text; });
  }

  // ---------------------------------------------------------------- the region form

  pointer(region, field) {
    return `/video_layout/${escapePointer(region.name)}${field ? `/${field}` : ''}`;
  }

  renderRegionForm() {
    const region = this.region();
    this.regionForm.replaceChildren();
    if (!region) return;
    const f = this.regionForm;
    const others = this.state.regions.filter((r) => r !== region).map((r) => r.name);
    const speaker = region.focus === 'active_speaker';

    f.append(
      el('p', { class: 'composer-help' }, `Editing region ${region.name}. Select another on the canvas.`),
      this.textField('Name', region.name, this.pointer(region), (input) => this.rename(region, input),
        { 'data-field': 'name', event: 'change' }),
      el('div', { class: 'field-row' },
        this.numberField('x_pos', 'X', region, { geometry: true }),
        this.numberField('y_pos', 'Y', region, { geometry: true }),
        this.numberField('width', 'Width', region, { geometry: true }),
        this.numberField('height', 'Height', region, { geometry: true })),
      el('div', { class: 'field-row' }, this.numberField('z_pos', 'Z (drawing order)', region, { canvas: true })),
      this.selectField('Focus', [['grid', 'grid (default)'], ['active_speaker', 'active speaker: one participant, '
        + 'the dominant speaker']], region.focus, this.pointer(region, 'focus'), (v) => {
        region.focus = v;
        this.change({ form: true });
      }),
    );
    if (speaker) {
      f.append(el('div', { class: 'field-row' },
        this.numberField('min_dominance_ms', 'Minimum turn (ms)', region, { placeholder: String(DEFAULT_DOMINANCE_MS) }),
        this.numberField('min_hold_ms', 'Minimum hold (ms)', region, { placeholder: String(DEFAULT_HOLD_MS) })));
    } else {
      f.append(
        el('div', { class: 'field-row' },
          this.numberField('max_rows', 'Max rows', region, { placeholder: 'any' }),
          this.numberField('max_columns', 'Max columns', region, { placeholder: 'any' }),
          this.numberField('cell_spacing', 'Cell spacing (px)', region, { placeholder: '0' })),
        this.textField('Cells excluded (numbers from 0, comma separated)', region.cells_excluded,
          this.pointer(region, 'cells_excluded'), (input) => { region.cells_excluded = input.value; this.change(); }),
        this.selectField('Reuse of cells', REUSE_MODES, region.reuse, this.pointer(region, 'reuse'), (v) => {
          region.reuse = v;
          this.change();
        }),
        this.checkbox('Adaptive grid (sized for the sources present at each instant)', region.adaptive_grid,
          this.pointer(region, 'adaptive_grid'), (v) => { region.adaptive_grid = v; this.change(); }),
        this.regionsSelect('Leave out participants shown in', others, region.exclude_shown_in,
          this.pointer(region, 'exclude_shown_in'), (v) => { region.exclude_shown_in = v; this.change(); }),
        this.regionsSelect('Expand into, while they show nothing', others, region.expand_into,
          this.pointer(region, 'expand_into'), (v) => { region.expand_into = v; this.change(); }),
      );
    }
    f.append(
      this.checkbox('Show participant labels', region.show_labels, this.pointer(region, 'show_labels'),
        (v) => { region.show_labels = v; this.change(); }),
      this.sourcesFieldset('Video sources', region.video, this.pointer(region, 'video_sources'), 'video', true),
      this.sourcesFieldset('Video sources excluded', region.videoExcluded,
        this.pointer(region, 'video_sources_excluded'), 'video', false),
    );
  }

  /** Writes x/y/width/height typed on the canvas back into the form's inputs, leaving the one being typed in. */
  syncGeometryInputs() {
    const region = this.region();
    if (!region) return;
    for (const field of ['x_pos', 'y_pos', 'width', 'height']) {
      const input = this.regionForm.querySelector(`[data-field="${field}"]`);
      if (input && input !== document.activeElement) input.value = String(region[field] ?? '');
    }
  }

  numberField(field, labelText, region, { geometry = false, canvas = false, placeholder } = {}) {
    const id = `composer-${++uniqueIds}`;
    const input = el('input', { id, type: 'number', inputmode: 'numeric', step: '1', 'data-field': field,
      'data-pointer': this.pointer(region, field), value: String(region[field] ?? '') });
    if (placeholder) input.placeholder = placeholder;
    input.addEventListener('input', () => {
      // what is typed goes to the server as typed (an integer when it is one): its 422 says what is wrong
      region[field] = input.value;
      this.change({ canvas: geometry || canvas });
    });
    return el('div', { class: 'field' }, el('label', { for: id }, labelText), input);
  }

  textField(labelText, value, pointer, onChange, { event = 'input', ...attrs } = {}) {
    const id = `composer-${++uniqueIds}`;
    const input = el('input', { id, type: 'text', 'data-pointer': pointer, value: value ?? '', autocomplete: 'off',
      spellcheck: 'false', ...attrs });
    input.addEventListener(event, () => onChange(input));
    return el('div', { class: 'field' }, el('label', { for: id }, labelText), input);
  }

  selectField(labelText, options, value, pointer, onChange) {
    const id = `composer-${++uniqueIds}`;
    const select = el('select', { id, 'data-pointer': pointer });
    for (const [v, text] of options) {
      select.append(el('option', { value: v, ...(v === value ? { selected: '' } : {}) }, text));
    }
    select.addEventListener('change', () => onChange(select.value));
    return el('div', { class: 'field' }, el('label', { for: id }, labelText), select);
  }

  checkbox(labelText, checked, pointer, onChange) {
    const id = `composer-${++uniqueIds}`;
    const input = el('input', { id, type: 'checkbox', 'data-pointer': pointer, ...(checked ? { checked: '' } : {}) });
    input.addEventListener('change', () => onChange(input.checked));
    return el('div', { class: 'field checkbox' }, input, el('label', { for: id }, labelText));
  }

  regionsSelect(labelText, names, chosen, pointer, onChange) {
    const id = `composer-${++uniqueIds}`;
    const select = el('select', { id, multiple: '', size: String(Math.min(4, Math.max(2, names.length))),
      'data-pointer': pointer, 'aria-describedby': `${id}-help` });
    for (const name of names) {
      select.append(el('option', { value: name, ...(chosen.includes(name) ? { selected: '' } : {}) }, name));
    }
    select.disabled = names.length === 0;
    select.addEventListener('change', () => onChange([...select.selectedOptions].map((o) => o.value)));
    const help = el('p', { id: `${id}-help`, class: 'composer-help' },
      names.length ? 'Other regions; Ctrl or ⌘ selects several.' : 'Add another region to name it here.');
    return el('div', { class: 'field' }, el('label', { for: id }, labelText), select, help);
  }

  /**
   * Sources as checkboxes (all, each participant, each recording of `kind`) and a free field of track-name
   * patterns, comma separated. `selection` is `{ all?, ids: [], globs: '' }`, edited in place.
   */
  sourcesFieldset(legend, selection, pointer, kind, allowAll) {
    const fieldset = el('fieldset', { class: 'sources' }, el('legend', {}, legend));
    const add = (value, text) => {
      const id = `composer-${++uniqueIds}`;
      const checked = value === '*' ? selection.all : selection.ids.includes(value);
      const input = el('input', { id, type: 'checkbox', value, ...(checked ? { checked: '' } : {}) });
      input.addEventListener('change', () => {
        if (value === '*') selection.all = input.checked;
        else if (input.checked) selection.ids.push(value);
        else selection.ids = selection.ids.filter((v) => v !== value);
        this.change();
      });
      fieldset.append(el('div', { class: 'field checkbox' }, input, el('label', { for: id }, text)));
    };
    if (allowAll) add('*', 'Everyone (*)');
    for (const p of this.participants) add(p.id, `Participant ${participantName(p)}`);
    for (const r of this.recordings.filter((rec) => rec.type === kind)) {
      const owner = this.participants.find((p) => p.id === r.participant_id);
      add(r.id, `${kind === 'video' ? 'Video' : 'Audio'} recording ${r.track_name ?? shortId(r.id)}`
        + (owner ? ` of ${participantName(owner)}` : ''));
    }
    fieldset.append(this.textField('Track-name patterns (comma separated, e.g. screen*)', selection.globs, pointer,
      (input) => { selection.globs = input.value; this.change(); }));
    return fieldset;
  }

  // ---------------------------------------------------------------- the composition form

  renderCompositionForm() {
    const s = this.state;
    const f = this.compositionForm;
    f.replaceChildren();
    const current = `${s.resolution.width}x${s.resolution.height}`;
    const custom = s.customResolution || !RESOLUTIONS.includes(current);
    const options = RESOLUTIONS.map((r) => [r, r]).concat([['custom', 'Custom…']]);
    const resolution = this.selectField('Resolution', options, custom ? 'custom' : current,
      custom ? '' : '/resolution', (v) => {
        if (v === 'custom') {
          s.customResolution = true;
          this.renderCompositionForm();
          f.querySelector('[data-field="custom-resolution"]')?.focus();
          return;
        }
        s.customResolution = false;
        const [w, h] = v.split('x').map(Number);
        this.resize(w, h);
        this.renderCompositionForm();
        f.querySelector('[data-field="resolution"]')?.focus();
      });
    resolution.querySelector('select').dataset.field = 'resolution';
    if (custom) resolution.querySelector('select').removeAttribute('data-pointer');
    f.append(resolution);
    if (custom) {
      f.append(this.textField('Custom resolution (WIDTHxHEIGHT)', current, '/resolution', (input) => {
        const m = /^\s*(\d+)\s*[xX×]\s*(\d+)\s*$/.exec(input.value);
        if (m) this.resize(Number(m[1]), Number(m[2]));
        else { s.resolution = { width: NaN, height: NaN, raw: input.value }; this.change(); }
      }, { event: 'change', 'data-field': 'custom-resolution', inputmode: 'text' }));
    }
    f.append(
      this.selectField('Format', [['mp4', 'mp4']], s.format, '/format', (v) => { s.format = v; this.change(); }),
      this.selectField('Quality', QUALITIES, s.quality, '/quality',
        (v) => { s.quality = v; this.change(); }),
      this.checkbox('Trim the stretches where nothing is seen or heard', s.trim, '/trim',
        (v) => { s.trim = v; this.change(); }),
    );
    const colourId = `composer-${++uniqueIds}`;
    const colour = el('input', { id: colourId, type: 'color', value: s.backgroundColor, 'data-pointer': '/background_color' });
    colour.addEventListener('input', () => { s.backgroundColor = colour.value.toUpperCase(); this.change(); });
    f.append(el('div', { class: 'field' }, el('label', { for: colourId }, 'Background colour'), colour));
    f.append(
      this.sourcesFieldset('Audio sources', s.audio, '/audio_sources', 'audio', true),
      this.sourcesFieldset('Audio sources excluded', s.audioExcluded, '/audio_sources_excluded', 'audio', false),
      this.textField('Webhook URL (optional)', s.webhookUrl, '/webhook_event_url',
        (input) => { s.webhookUrl = input.value.trim(); this.change({ canvas: false }); }, { type: 'url' }),
    );
  }

  // ---------------------------------------------------------------- the body

  requestBody() {
    const s = this.state;
    const body = { session_id: this.sessionId };
    body.resolution = s.resolution.raw ?? `${s.resolution.width}x${s.resolution.height}`;
    body.format = s.format;
    body.video_layout = {};
    for (const r of s.regions) body.video_layout[r.name] = regionBody(r);
    body.audio_sources = sourceList(s.audio);
    const audioExcluded = sourceList(s.audioExcluded);
    if (audioExcluded.length) body.audio_sources_excluded = audioExcluded;
    if (s.quality !== 'standard') body.quality = s.quality;
    body.trim = s.trim;
    if (s.backgroundColor.toUpperCase() !== '#000000') body.background_color = s.backgroundColor.toUpperCase();
    if (s.webhookUrl) body.webhook_event_url = s.webhookUrl;
    return body;
  }

  renderJson() {
    this.json.textContent = JSON.stringify(this.requestBody(), null, 2);
  }

  // ---------------------------------------------------------------- preview

  schedulePreview(delay = PREVIEW_DELAY_MS) {
    clearTimeout(this.previewTimer);
    if (this.stopped) return;
    this.previewTimer = setTimeout(() => this.refreshPreview(), delay);
  }

  async refreshPreview() {
    this.previewAbort?.abort();
    const abort = new AbortController();
    this.previewAbort = abort;
    const body = this.requestBody();
    this.preview.setAttribute('aria-busy', 'true');
    try {
      const [plan, picture] = await Promise.all([
        api('POST', '/v2/room_compositions/preview', { body, signal: abort.signal }),
        api('POST', '/v2/room_compositions/preview', { body, accept: 'image/svg+xml', query: { at: this.state.at },
          signal: abort.signal }),
      ]);
      if (abort.signal.aborted) return;
      this.clearFieldErrors();
      this.showPlan(plan.data ?? plan);
      const image = await dataUrl(picture.blob);
      if (abort.signal.aborted) return;
      this.showPicture(image);
    } catch (e) {
      if (abort.signal.aborted || e?.name === 'AbortError') return;
      this.showRequestErrors(e, { keepFocus: true });
    } finally {
      if (this.previewAbort === abort) this.preview.setAttribute('aria-busy', 'false');
    }
  }

  showPlan(plan) {
    const duration = Number(plan.duration_secs) || 0;
    this.state.duration = duration;
    this.timeSlider.max = String(duration);
    if (this.state.at > duration) {
      this.state.at = duration;
      this.timeSlider.value = String(duration);
      this.timeOutput.textContent = `${duration.toFixed(1)} s`;
    }
    const regions = plan.regions ?? [];
    this.previewSummary.textContent = `${duration.toFixed(1)} s long; `
      + regions.map((r) => `${r.name}: ${cellsAt(r, this.state.at)} cell(s)`).join(', ');
    this.notShown.replaceChildren(...(plan.not_shown ?? []).map((n) => el('li', {},
      [n.reason, n.detail].filter(Boolean).join(': ') || JSON.stringify(n))));
    if (!this.notShown.children.length) this.notShown.append(el('li', {}, 'Every source is shown.'));
    this.warnings.replaceChildren(...(plan.warnings ?? []).map((w) => el('li', {},
      typeof w === 'string' ? w : (w.detail ?? w.message ?? JSON.stringify(w)))));
    if (!this.warnings.children.length) this.warnings.append(el('li', {}, 'None.'));
  }

  /**
   * The SVG goes in as an image, never as markup of the page: an image runs no script and reads no page style. From
   * a data: URL rather than a blob: one, so the picture's own markup can be read back (copied, or by a test) without
   * a fetch, which the console's policy limits to its own origin (connect-src 'self').
   */
  showPicture(url) {
    const img = el('img', { src: url, alt: `The plan at ${this.state.at.toFixed(1)} s: the canvas with its `
      + `regions and cells, and one timeline band per cell`, 'data-testid': 'preview-image' });
    this.preview.replaceChildren(img);
    this.previewVersion += 1;
    this.preview.dataset.version = String(this.previewVersion);
  }

  // ---------------------------------------------------------------- create

  async create() {
    this.createButton.disabled = true;
    clearErrors(this.root);
    try {
      const created = await api('POST', '/v2/room_compositions', { body: this.requestBody() });
      const id = (created.data ?? created).id;
      window.location.hash = `#/compositions/${id}`;
    } catch (e) {
      this.showRequestErrors(e, { keepFocus: false });
    } finally {
      this.createButton.disabled = false;
    }
  }

  // ---------------------------------------------------------------- errors

  clearFieldErrors() {
    clearErrors(this.root);
    for (const box of this.boxes.values()) box.removeAttribute('aria-invalid');
  }

  /**
   * A 422 lands at its field: an error of another region selects that region first (on a create; a preview
   * leaves the user where they are), an entry of a list (`/video_sources/2`) lands at the list's field.
   */
  showRequestErrors(error, { keepFocus }) {
    if (!(error instanceof ApiError) || !Array.isArray(error.errors)) {
      this.clearFieldErrors();
      this.summaryError(error, 'The request failed');
      return;
    }
    const regionOf = (p) => /^\/video_layout\/([^/]+)/.exec(p ?? '')?.[1];
    if (!keepFocus) {
      const first = error.errors.map((e) => regionOf(e.source?.pointer)).find(Boolean);
      const name = first && unescapePointer(first);
      if (name && this.region(name) && name !== this.state.selected) this.select(name);
    }
    const active = document.activeElement;
    const { scrollX, scrollY } = window;
    this.clearFieldErrors();
    const errors = error.errors.map((e) => this.landed(e));
    for (const e of error.errors) {
      const name = regionOf(e.source?.pointer);
      if (name) this.boxes.get(unescapePointer(name))?.setAttribute('aria-invalid', 'true');
    }
    showErrors(this.root, errors); // it focuses the first invalid field, which scrolls to it
    if (keepFocus) {
      // a preview's errors are news, not a stop: the focus and the page stay where the user is (a region being
      // dragged must not move under the pointer); in one task, so nothing is painted in between
      if (active && active !== document.body && document.contains(active)) active.focus({ preventScroll: true });
      window.scrollTo(scrollX, scrollY);
    }
  }

  /**
   * The error with the pointer of the field that shows it: an entry of a list (`.../video_sources/2`) is shown at the
   * list's field. One that no field shows keeps its pointer, which the alert box prints beside it.
   */
  landed(error) {
    const pointer = error.source?.pointer;
    if (!pointer) return error;
    const has = (p) => this.root.querySelector(`[data-pointer="${cssEscape(p)}"]`);
    let p = pointer;
    while (!has(p) && /\/\d+$/.test(p)) p = p.replace(/\/\d+$/, '');
    return has(p) ? { ...error, source: { ...error.source, pointer: p } } : error;
  }

  summaryError(error, fallback) {
    const text = error instanceof ApiError && error.errors?.length
      ? error.errors.map((e) => e.detail ?? e.title).join(' ')
      : `${fallback}${error?.message ? `: ${error.message}` : ''}`;
    this.alert.replaceChildren(el('p', {}, text));
    this.alert.hidden = false;
  }
}

// ---------------------------------------------------------------- values

function newRegion(name, geometry) {
  return {
    name, x_pos: 0, y_pos: 0, width: 0, height: 0, z_pos: 0, ...geometry,
    max_rows: '', max_columns: '', cell_spacing: '', cells_excluded: '', reuse: 'show_oldest',
    focus: 'grid', min_dominance_ms: '', min_hold_ms: '',
    adaptive_grid: false, exclude_shown_in: [], expand_into: [], show_labels: false,
    video: { all: true, ids: [], globs: '' }, videoExcluded: { ids: [], globs: '' },
  };
}

/** The region as the API takes it; options left at their defaults are left out. */
function regionBody(r) {
  const body = {
    x_pos: typed(r.x_pos), y_pos: typed(r.y_pos), width: typed(r.width), height: typed(r.height),
    z_pos: typed(r.z_pos), video_sources: sourceList(r.video),
  };
  const excluded = sourceList(r.videoExcluded);
  if (excluded.length) body.video_sources_excluded = excluded;
  if (r.focus === 'active_speaker') {
    body.focus = 'active_speaker';
    if (String(r.min_dominance_ms).trim() !== '') body.min_dominance_ms = typed(r.min_dominance_ms);
    if (String(r.min_hold_ms).trim() !== '') body.min_hold_ms = typed(r.min_hold_ms);
  } else {
    for (const field of ['max_rows', 'max_columns', 'cell_spacing']) {
      if (String(r[field]).trim() !== '') body[field] = typed(r[field]);
    }
    const cells = String(r.cells_excluded).split(',').map((c) => c.trim()).filter(Boolean);
    if (cells.length) body.cells_excluded = cells.map(typed);
    if (r.reuse !== 'show_oldest') body.reuse = r.reuse;
    if (r.adaptive_grid) body.adaptive_grid = true;
    if (r.exclude_shown_in.length) body.exclude_shown_in = [...r.exclude_shown_in];
    if (r.expand_into.length) body.expand_into = [...r.expand_into];
  }
  if (r.show_labels) body.show_labels = true;
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}

/** `"*"` when all, the checked ids, then the typed patterns. */
function sourceList(selection) {
  const globs = String(selection.globs ?? '').split(',').map((g) => g.trim()).filter(Boolean);
  return [...(selection.all ? ['*'] : []), ...selection.ids, ...globs];
}

/** An integer as a number, anything else as typed (the server names the problem); empty is absent. */
function typed(value) {
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim();
  if (text === '') return undefined;
  return /^-?\d+$/.test(text) ? Number(text) : text;
}

function toInt(value) {
  const v = typed(value);
  return typeof v === 'number' ? v : null;
}

/** The SVG as a `data:image/svg+xml;base64,...` URL (the type is set here, whatever the blob says). */
function dataUrl(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*;base64,/, 'data:image/svg+xml;base64,'));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

function clamp(v, min, max) {
  return Math.min(Math.max(v, min), max);
}

function cellsAt(region, at) {
  const phase = (region.phases ?? []).find((p) => at >= p.start_secs && at < p.end_secs) ?? region.phases?.[0];
  return phase?.cells?.length ?? 0;
}

function participantName(p) {
  return p.context && p.context.trim() ? p.context : shortId(p.id);
}

function shortId(id) {
  return String(id).slice(0, 8);
}

function escapePointer(name) {
  return name.replaceAll('~', '~0').replaceAll('/', '~1');
}

function unescapePointer(token) {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

function cssEscape(value) {
  return window.CSS?.escape ? CSS.escape(value) : value.replace(/["\\]/g, '\\$&');
}

// ---------------------------------------------------------------- DOM

/** An element with attributes and children; text children become text nodes (never parsed as HTML). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) continue;
    if (name === 'value' && (tag === 'input' || tag === 'select')) node.value = value;
    node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

function button(text, onClick, attrs = {}) {
  const b = el('button', { type: 'button', ...attrs }, text);
  b.addEventListener('click', onClick);
  return b;
}
