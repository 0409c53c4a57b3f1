// The editor: holds the document, the catalogue, the selection and the undo history, talks to the
// server (validate on every change, run, events) and wires the panels together.
import { api } from './api.js';
import { Canvas, NODE_W, refuseToast } from './canvas.js';
import { SettingsForm, defaultsOf } from './form.js';
import { OutputView } from './outputs.js';
import { executionFields, runOnField, editExecution, LOCAL } from './execution.js';
import { el, toast, ask, confirmDialog, dialog, debounce, richText } from './ui.js';

const $ = id => document.getElementById(id);
const HISTORY_LIMIT = 200;
const CATEGORY_ORDER = ['Input/Output', 'Preprocessing', 'Features', 'Statistics', 'Learners', 'Modelling', 'Evaluation'];

function emptyDoc() {
  return { format: 'quiver-workflow', formatVersion: 1, metadata: {}, seed: 42, nodes: [], connections: [], annotations: [] };
}

class Editor {
  constructor() {
    this.catalog = new Map();
    // Until the server says otherwise, only this machine: local is always there.
    this.backends = [{ id: LOCAL, description: 'This machine.' }];
    this.doc = emptyDoc();
    this.name = null;
    this.dirty = false;
    this.selection = { nodes: new Set(), wire: null, note: null };
    this.undoStack = [];
    this.redoStack = [];
    this.validation = null;
    this.progress = new Map();
    this.running = false;
    this.pendingValidation = false;
    this.clipboard = null;
    this.canvas = new Canvas(this, $('canvas'));
    this.outputs = new OutputView($('tab-output'), this);
    this.form = null;
    this.validateSoon = debounce(() => this.validate(), 300);
  }

  // ------------------------------------------------------------ start

  async start() {
    await this.refreshCatalog();
    await this.loadBackends();
    await this.newSession();
    this.bindToolbar();
    this.bindKeys();
    this.bindTabs();
    const hash = new URLSearchParams(location.hash.slice(1));
    if (hash.get('wf')) {
      await this.open(hash.get('wf')).catch(e => toast(e.message, 'error'));
    } else {
      this.refresh();
    }
    this.renderExamplesInEmptyState();
    document.body.dataset.ready = 'true';
  }

  /**
   * The palette for the current workflow: installed nodes plus the components it sees (its own
   * components folder and the workspace's), which change when a workflow opens or a component is made.
   */
  async refreshCatalog() {
    const nodes = await api.nodes(this.name);
    this.catalog = new Map();
    nodes.forEach(n => this.catalog.set(n.id, n));
    this.inspectorFor = null;
    this.renderPalette();
  }

  /** The execution backends this server has, for the Execution group and each node's "Run on". */
  async loadBackends() {
    try {
      this.backends = await api.backends();
    } catch (e) {
      toast(`Cannot list the execution backends (${e.message}); only local is offered.`, 'error');
    }
  }

  async newSession() {
    const v = await api.newSession();
    this.sessionId = v.session;
    this.validation = v;
    if (this.events) this.events.close();
    this.events = api.events(this.sessionId);
    const on = (type, fn) => this.events.addEventListener(type, e => fn(JSON.parse(e.data)));
    on('validated', v => { this.validation = v; this.refresh(); });
    on('state', s => this.onState(s));
    on('progress', p => { this.progress.set(p.node, p); this.canvas.render(); this.showRunStatus(`${p.node}: ${p.message || Math.round(p.fraction * 100) + '%'}`); });
    on('warning', w => toast(`${w.node}: ${w.message}`, 'info', 6000));
    on('run-started', () => this.setRunning(true));
    on('run-finished', r => this.onRunFinished(r));
    this.events.onerror = () => {
      // The browser retries by itself; a closed stream means the session is gone (server restarted).
      if (this.events.readyState === EventSource.CLOSED) {
        setTimeout(() => this.newSession().then(() => this.validate()).catch(() => this.events.onerror()), 2000);
      }
    };
  }

  // ------------------------------------------------------------ state

  nodeState(id) {
    return this.validation && this.validation.nodes ? this.validation.nodes[id] : null;
  }

  snapshot() {
    return JSON.stringify(this.doc);
  }

  /**
   * Records a change made since {@code before} as one undo step and re-validates. Moves and notes
   * are sent too (the server keeps cached outputs when only those changed).
   */
  changed(before) {
    if (before !== null && before !== this.snapshot()) {
      this.undoStack.push(before);
      if (this.undoStack.length > HISTORY_LIMIT) this.undoStack.shift();
      this.redoStack = [];
    }
    this.setDirty(true);
    this.refresh();
    this.validateSoon();
  }

  setDirty(d) {
    this.dirty = d;
    $('doc-dirty').hidden = !d;
  }

  undo() {
    if (!this.undoStack.length) return;
    this.redoStack.push(this.snapshot());
    this.doc = JSON.parse(this.undoStack.pop());
    this.afterHistory();
  }

  redo() {
    if (!this.redoStack.length) return;
    this.undoStack.push(this.snapshot());
    this.doc = JSON.parse(this.redoStack.pop());
    this.afterHistory();
  }

  afterHistory() {
    const ids = new Set(this.doc.nodes.map(n => n.id));
    this.selection.nodes = new Set([...this.selection.nodes].filter(id => ids.has(id)));
    this.selection.wire = null;
    this.selection.note = null;
    this.form = null;
    this.setDirty(true);
    this.refresh();
    this.validateSoon();
  }

  async validate() {
    if (this.running) { this.pendingValidation = true; return; }
    // Replies can overtake each other; only the answer to the latest document counts.
    const seq = this.validationSeq = (this.validationSeq || 0) + 1;
    try {
      const v = await api.update(this.sessionId, this.name, this.doc);
      if (seq !== this.validationSeq) return;
      this.validation = v;
      this.refresh();
    } catch (e) {
      if (e.status === 409) { this.pendingValidation = true; return; }
      if (e.status === 404) { await this.newSession(); return this.validate(); }
      toast(e.message, 'error');
    }
  }

  // ------------------------------------------------------------ edits

  uniqueId(type) {
    const base = type.split('.').pop().replace(/[^a-z0-9-]/gi, '-').toLowerCase();
    const used = new Set(this.doc.nodes.map(n => n.id));
    let i = 1;
    while (used.has(`${base}-${i}`)) i++;
    return `${base}-${i}`;
  }

  addNode(type, position) {
    const entry = this.catalog.get(type);
    const before = this.snapshot();
    const node = { id: this.uniqueId(type), type, version: entry.version,
      position: { x: Math.round(position.x / 10) * 10, y: Math.round(position.y / 10) * 10 },
      settings: defaultsOf(entry.settingsSchema) };
    this.doc.nodes.push(node);
    this.selection = { nodes: new Set([node.id]), wire: null, note: null };
    this.form = null;
    this.changed(before);
    return node;
  }

  connect(from, to) {
    const before = this.snapshot();
    // An input takes one wire: a new wire replaces the old one, as in other visual tools.
    this.doc.connections = this.doc.connections.filter(c => !(c.to.node === to.node && c.to.port === to.port));
    this.doc.connections.push({ from, to });
    this.changed(before);
  }

  refuseWire(message) {
    refuseToast(message);
  }

  /** Whether {@code from} reaches {@code to} along wires (a new wire to → from would close a cycle). */
  reaches(from, to) {
    const seen = new Set();
    const stack = [from];
    while (stack.length) {
      const id = stack.pop();
      if (id === to) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      this.doc.connections.filter(c => c.from.node === id).forEach(c => stack.push(c.to.node));
    }
    return false;
  }

  deleteSelection() {
    const before = this.snapshot();
    const s = this.selection;
    if (s.nodes.size) {
      this.doc.nodes = this.doc.nodes.filter(n => !s.nodes.has(n.id));
      // A removed node's own backend choice goes with it (undo brings both back).
      if (this.doc.execution && this.doc.execution.nodes) editExecution(this.doc, x => s.nodes.forEach(id => { delete x.nodes[id]; }));
      this.doc.connections = this.doc.connections.filter(c => !s.nodes.has(c.from.node) && !s.nodes.has(c.to.node));
    } else if (s.wire !== null) {
      this.doc.connections.splice(s.wire, 1);
    } else if (s.note !== null) {
      this.doc.annotations.splice(s.note, 1);
    } else {
      return;
    }
    this.selection = { nodes: new Set(), wire: null, note: null };
    this.form = null;
    this.changed(before);
  }

  copy() {
    const ids = this.selection.nodes;
    if (!ids.size) return;
    this.clipboard = JSON.stringify({
      nodes: this.doc.nodes.filter(n => ids.has(n.id)),
      connections: this.doc.connections.filter(c => ids.has(c.from.node) && ids.has(c.to.node)),
    });
    toast(`Copied ${ids.size} node${ids.size > 1 ? 's' : ''}.`, 'info', 1800);
  }

  paste() {
    if (!this.clipboard) return;
    const clip = JSON.parse(this.clipboard);
    const before = this.snapshot();
    const rename = new Map();
    const added = [];
    for (const n of clip.nodes) {
      const id = this.uniqueId(n.type);
      rename.set(n.id, id);
      const copy = { ...n, id, position: { x: n.position.x + 30, y: n.position.y + 90 } };
      this.doc.nodes.push(copy);
      added.push(id);
    }
    for (const c of clip.connections) {
      this.doc.connections.push({ from: { node: rename.get(c.from.node), port: c.from.port },
        to: { node: rename.get(c.to.node), port: c.to.port } });
    }
    // A second paste lands further along instead of on top of the first.
    clip.nodes.forEach(n => { n.position.x += 30; n.position.y += 90; });
    this.clipboard = JSON.stringify(clip);
    this.selection = { nodes: new Set(added), wire: null, note: null };
    this.form = null;
    this.changed(before);
  }

  addNote() {
    const before = this.snapshot();
    const r = $('canvas').getBoundingClientRect();
    let p = this.canvas.toWorld(r.left + 60, r.top + 40);
    if (this.doc.nodes.length) {
      // Below the nodes, so the note does not hide any of them.
      p = { x: Math.min(...this.doc.nodes.map(n => n.position.x)),
        y: Math.max(...this.doc.nodes.map(n => n.position.y)) + 150 + 20 * this.doc.annotations.length };
    }
    this.doc.annotations.push({ text: 'Note: describe what this part of the workflow does.',
      position: { x: Math.round(p.x), y: Math.round(p.y) }, width: 240, height: 80 });
    this.selection = { nodes: new Set(), wire: null, note: this.doc.annotations.length - 1 };
    this.changed(before);
  }

  updateSettings(nodeId, settings, commit) {
    this.editDoc(d => {
      const node = d.nodes.find(n => n.id === nodeId);
      if (node) node.settings = settings;
    }, commit);
  }

  /**
   * A change typed into a form. Typing coalesces into one undo step per field: the step is
   * recorded when the field is left ({@code commit}).
   */
  editDoc(mutate, commit) {
    if (!this.editBefore) this.editBefore = this.snapshot();
    mutate(this.doc);
    this.setDirty(true);
    if (commit) {
      const before = this.editBefore;
      this.editBefore = null;
      if (before !== this.snapshot()) {
        this.undoStack.push(before);
        this.redoStack = [];
        $('btn-undo').disabled = false;
      }
    }
    this.canvas.render();
    this.validateSoon();
  }

  // ------------------------------------------------------------ selection

  select(ids) {
    this.selection = { nodes: new Set(ids), wire: null, note: null };
    this.refresh();
  }

  selectWire(i) {
    this.selection = { nodes: new Set(), wire: i, note: null };
    this.refresh();
  }

  selectNote(i) {
    this.selection = { nodes: new Set(), wire: null, note: i };
    this.refresh();
  }

  selectedNode() {
    return this.selection.nodes.size === 1 ? [...this.selection.nodes][0] : null;
  }

  // ------------------------------------------------------------ drawing

  refresh() {
    this.canvas.render();
    $('empty-state').hidden = this.doc.nodes.length > 0 || this.doc.annotations.length > 0;
    $('doc-name').textContent = this.name || 'Untitled workflow';
    document.title = `${this.name || 'Untitled'} — Quiver`;
    $('btn-undo').disabled = !this.undoStack.length;
    $('btn-redo').disabled = !this.redoStack.length;
    $('btn-run').disabled = this.running || !this.doc.nodes.length;
    $('btn-run-here').disabled = this.running || !this.selectedNode();
    $('btn-component').disabled = this.running || !this.selection.nodes.size;
    $('btn-cancel').disabled = !this.running;
    this.renderInspector();
    this.renderProblems();
    const sel = this.selectedNode();
    if (sel !== this.outputs.node || (sel && this.nodeState(sel) && this.nodeState(sel).hasResult !== this.outputsShownWithResult)) {
      this.outputsShownWithResult = sel && this.nodeState(sel) ? this.nodeState(sel).hasResult : false;
      this.outputs.show(sel);
    }
  }

  renderInspector() {
    const box = $('inspector');
    const id = this.selectedNode();
    const node = id && this.doc.nodes.find(n => n.id === id);
    if (!node) {
      this.form = null;
      const n = this.selection.nodes.size;
      const key = n > 1 ? `multi:${n}` : 'workflow';
      // Never rebuild under the user's fingers: a validation reply would eat the keystrokes.
      if (this.inspectorFor === key && box.contains(document.activeElement)) return;
      this.inspectorFor = key;
      const keys = el('div', { class: 'specs' }, el('h3', {}, 'Keys'),
        el('div', { class: 'spec' }, 'Shift-drag — select several · Delete — remove · Ctrl+Z / Ctrl+Shift+Z — undo / redo · Ctrl+C / Ctrl+V — copy / paste · Ctrl+S — save · wheel — zoom'));
      if (n > 1) {
        box.replaceChildren(el('h2', {}, `${n} nodes selected`),
          el('p', { class: 'hint' }, 'Press Delete to remove them, Ctrl+C to copy.'), keys);
        return;
      }
      const meta = this.doc.metadata || {};
      const title = el('input', { type: 'text', id: 'wf-title', value: meta.title || '', placeholder: 'Untitled' });
      const desc = el('textarea', { id: 'wf-description', rows: 4, placeholder: 'What this workflow does' });
      desc.value = meta.description || '';
      const seed = el('input', { type: 'number', id: 'wf-seed', step: 1, value: this.doc.seed ?? 42 });
      const meta$ = (key, value) => d => { d.metadata = { ...(d.metadata || {}), [key]: value || undefined }; };
      title.addEventListener('input', () => this.editDoc(meta$('title', title.value), false));
      title.addEventListener('change', () => this.editDoc(meta$('title', title.value), true));
      desc.addEventListener('input', () => this.editDoc(meta$('description', desc.value), false));
      desc.addEventListener('change', () => this.editDoc(meta$('description', desc.value), true));
      seed.addEventListener('change', () => {
        if (Number.isInteger(Number(seed.value))) this.editDoc(d => { d.seed = Number(seed.value); }, true);
      });
      box.replaceChildren(el('h2', {}, 'Workflow'),
        el('p', { class: 'hint' }, 'Select a node to edit its settings. Ports show their type by shape and colour: hover one to see it.'),
        el('div', { class: 'field' }, el('label', { for: 'wf-title' }, 'Title'), title),
        el('div', { class: 'field' }, el('label', { for: 'wf-description' }, 'Description'), desc),
        el('div', { class: 'field' }, el('label', { for: 'wf-seed' }, 'Seed'), seed,
          el('div', { class: 'help' }, 'Nodes without a seed of their own draw their random numbers from this: the same seed gives the same results.')),
        ...this.parameterFields(), ...executionFields(this, focusId => this.rerenderInspector(focusId)), keys);
      return;
    }
    const entry = this.catalog.get(node.type);
    const st = this.nodeState(id);
    if (this.inspectorFor !== id || !this.form) {
      this.inspectorFor = id;
      if (!entry) {
        this.form = null;
        box.replaceChildren(el('h2', {}, node.id), el('div', { class: 'node-message error' },
          `Node type '${node.type}' is not installed. Install the feature that provides it.`));
        return;
      }
      this.form = new SettingsForm(node, entry, st ? st.inputs : [], (settings, { commit }) => this.updateSettings(id, settings, commit));
      this.messageBox = el('div', { class: 'node-message', id: 'node-message', hidden: true });
      this.specBox = el('div', { class: 'specs' });
      const label = el('input', { type: 'text', id: 'node-label', value: node.annotation || '',
        placeholder: 'A note shown under the node' });
      const setLabel = commit => this.editDoc(d => {
        const x = d.nodes.find(m => m.id === id);
        if (x) x.annotation = label.value || undefined;
      }, commit);
      label.addEventListener('input', () => setLabel(false));
      label.addEventListener('change', () => setLabel(true));
      const openComponent = entry.file ? el('button', { id: 'btn-open-component', onclick: () => this.openComponentOf(id),
        title: `Open ${entry.file} to see or edit what is inside` }, 'Open component') : '';
      box.replaceChildren(el('h2', {}, entry.name), el('div', { class: 'type' }, `${node.id} · ${entry.category}`),
        openComponent, el('div', { class: 'field' }, label), runOnField(this, id),
        el('p', { class: 'desc', title: 'Click to read all', onclick: e => e.currentTarget.classList.toggle('open') }, richText(entry.description)), this.messageBox, this.form.root, this.specBox);
    } else if (this.form && st) {
      this.form.updateSpecs(st.inputs);
    }
    if (!st || !this.messageBox) return;
    this.messageBox.hidden = false;
    this.messageBox.className = `node-message ${st.error ? 'error' : st.state === 'executed' ? 'ok' : 'info'}`;
    this.messageBox.textContent = st.error ? st.message
      : st.state === 'executed' ? 'Executed. Its output is below.'
        : st.message || ({ configured: 'Settings are valid. Ready to run.', executing: 'Running…',
          failed: 'Failed.' }[st.state] || 'Not configured yet.');
    this.specBox.replaceChildren(el('h3', {}, 'Output'),
      ...(st.outputs || []).map((s, i) => el('div', { class: 'spec' }, el('b', {}, `${entry.outputs[i] ? entry.outputs[i].name : i}: `),
        s ? s.description : 'not known yet')));
  }

  /** Rebuilds the inspector now (an edit changed which fields it shows) and puts the cursor back. */
  rerenderInspector(focusId) {
    this.inspectorFor = null;
    this.renderInspector();
    const target = focusId && document.getElementById(focusId);
    if (target) target.focus();
  }

  renderProblems() {
    const box = $('tab-problems');
    const problems = [];
    if (this.validation) {
      const seen = new Set();
      for (const p of this.validation.problems || []) { problems.push(p); seen.add(`${p.node}|${p.message}`); }
      for (const [id, n] of Object.entries(this.validation.nodes || {})) {
        if (n.error && !seen.has(`${id}|${n.message}`)) problems.push({ node: id, message: n.message });
      }
    }
    $('problem-count').hidden = !problems.length;
    $('problem-count').textContent = problems.length;
    box.replaceChildren(...(problems.length ? problems.map(p => el('div', { class: 'problem', onclick: () => p.node && this.select([p.node]) },
      el('span', { class: 'icon' }, '●'), el('span', { class: 'where' }, p.node || 'Workflow'), el('span', {}, p.message)))
      : [el('div', { class: 'empty' }, 'No problems.')]));
  }

  renderPalette() {
    const query = $('palette-search').value.trim().toLowerCase();
    const byCat = new Map();
    // Component port nodes only make sense inside a component file: keep them out of other palettes.
    const editingComponent = this.doc.format === 'quiver-component' || (this.name || '').endsWith('.quiver-component.json');
    for (const n of this.catalog.values()) {
      if (n.category === 'Component ports' && !editingComponent) continue;
      const text = `${n.name} ${n.category} ${n.description} ${n.id}`.toLowerCase();
      if (query && !query.split(/\s+/).every(w => text.includes(w))) continue;
      if (!byCat.has(n.category)) byCat.set(n.category, []);
      byCat.get(n.category).push(n);
    }
    const list = $('palette-list');
    list.replaceChildren();
    if (!byCat.size) {
      list.append(el('div', { class: 'palette-empty' }, this.catalog.size ? `No node matches “${query}”.` : 'No nodes are installed.'));
      return;
    }
    // Categories in the order a workflow is built; others follow alphabetically.
    const rank = c => { const i = CATEGORY_ORDER.indexOf(c); return i < 0 ? CATEGORY_ORDER.length : i; };
    for (const [cat, nodes] of [...byCat.entries()].sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]))) {
      list.append(el('div', { class: 'palette-cat' }, cat));
      for (const n of nodes) {
        const color = (n.outputs[0] || n.inputs[0] || {}).color || '#999';
        const item = el('div', { class: 'palette-item', 'data-type': n.id, title: n.description },
          el('span', { class: 'swatch', style: `background:${color}` }),
          el('div', {}, n.name, el('small', {}, n.inputs.map(p => p.typeName).join(', ') + ' → ' + n.outputs.map(p => p.typeName).join(', '))));
        item.addEventListener('pointerdown', e => this.dragFromPalette(e, n));
        item.addEventListener('dblclick', () => {
          const r = $('canvas').getBoundingClientRect();
          this.addNode(n.id, this.canvas.toWorld(r.left + r.width / 2 - NODE_W / 2, r.top + r.height / 3));
        });
        list.append(item);
      }
    }
  }

  /** Palette → canvas with pointer events, so mouse, pen and touch behave alike. */
  dragFromPalette(e, entry) {
    if (e.button !== 0) return;
    e.preventDefault();
    let ghost = null;
    const start = { x: e.clientX, y: e.clientY };
    const move = ev => {
      if (!ghost && Math.hypot(ev.clientX - start.x, ev.clientY - start.y) < 4) return;
      if (!ghost) { ghost = el('div', { class: 'drag-ghost' }, entry.name); document.body.append(ghost); }
      ghost.style.left = `${ev.clientX + 8}px`;
      ghost.style.top = `${ev.clientY + 8}px`;
    };
    const up = ev => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      if (!ghost) return;
      ghost.remove();
      if (this.canvas.isInside(ev.clientX, ev.clientY)) {
        const p = this.canvas.toWorld(ev.clientX, ev.clientY);
        this.addNode(entry.id, { x: p.x - NODE_W / 2, y: p.y - 20 });
      }
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  }

  async renderExamplesInEmptyState() {
    const box = $('empty-examples');
    try {
      const examples = await api.examples();
      box.replaceChildren(...examples.slice(0, 6).map(x => el('button', { onclick: () => this.openExample(x.name), 'data-example': x.name },
        `Open example: ${x.title || x.name}`)));
    } catch { box.replaceChildren(); }
  }

  showRunStatus(text) {
    const s = $('run-status');
    s.hidden = !text;
    s.textContent = text || '';
  }

  // ------------------------------------------------------------ running

  setRunning(r) {
    this.running = r;
    this.refresh();
  }

  onState(s) {
    if (!this.validation) return;
    const prev = this.validation.nodes[s.node] || {};
    this.validation.nodes[s.node] = { ...prev, ...s };
    if (s.state !== 'executing') this.progress.delete(s.node);
    this.canvas.render();
    if (this.selectedNode() === s.node) this.renderInspector();
  }

  async run(targets) {
    try {
      this.validateSoon.cancel();
      await this.validate();
      this.progress.clear();
      this.setRunning(true);
      this.showRunStatus('Running…');
      await api.execute(this.sessionId, targets);
    } catch (e) {
      this.setRunning(false);
      this.showRunStatus(null);
      toast(e.message, 'error');
    }
  }

  async onRunFinished(r) {
    this.running = false;
    this.progress.clear();
    const failed = (r.statuses || []).filter(s => s.state === 'failed');
    this.showRunStatus(r.canceled ? 'Run cancelled.' : r.success ? `Run finished in ${(r.elapsedMillis / 1000).toFixed(1)} s.`
      : failed.length ? `Run finished with ${failed.length} failed node${failed.length > 1 ? 's' : ''}.` : 'Run finished; some nodes did not run.');
    if (r.error) toast(r.error, 'error');
    if (failed.length) document.querySelector('.tab[data-tab=problems]').click();
    try { this.validation = await api.session(this.sessionId); } catch { /* the next validation catches up */ }
    this.outputsShownWithResult = null;
    this.refresh();
    if (this.pendingValidation) { this.pendingValidation = false; this.validateSoon(); }
  }

  // ------------------------------------------------------------ files

  async save(asNew) {
    let name = this.name;
    if (!name || asNew) {
      name = await ask(asNew ? 'Save as' : 'Save workflow', 'File name in the workspace', name || 'my-workflow.quiver.json', 'Save');
      if (!name) return false;
      if (!name.endsWith('.quiver.json') && !name.endsWith('.quiver-component.json')) name += '.quiver.json';
    }
    // A file saved as a component is one: its boundary nodes become the ports of a component node.
    if (name.endsWith('.quiver-component.json')) this.doc.format = 'quiver-component';
    try {
      await api.save(name, this.doc, name === this.name);
    } catch (e) {
      if (e.status === 409 && await confirmDialog('Replace?', `${name} already exists. Replace it?`, 'Replace')) {
        await api.save(name, this.doc, true);
      } else {
        toast(e.message, 'error');
        return false;
      }
    }
    const renamed = name !== this.name;
    this.name = name;
    this.setDirty(false);
    location.hash = `wf=${encodeURIComponent(name)}`;
    toast(`Saved ${name}.`, 'info', 2500);
    if (renamed) { await this.refreshCatalog(); await this.validate(); }
    this.refresh();
    return true;
  }

  async guardUnsaved() {
    if (!this.dirty) return true;
    return confirmDialog('Discard changes?', 'The current workflow has unsaved changes. Discard them?', 'Discard');
  }

  async newWorkflow() {
    if (!await this.guardUnsaved()) return;
    this.load(null, emptyDoc());
  }

  async open(name) {
    const doc = await api.load(name);
    this.load(name, doc);
  }

  load(name, doc) {
    this.name = name;
    this.doc = { ...emptyDoc(), ...doc };
    this.undoStack = [];
    this.redoStack = [];
    this.selection = { nodes: new Set(), wire: null, note: null };
    this.form = null;
    this.inspectorFor = null;
    this.setDirty(false);
    history.replaceState(null, '', name ? `#wf=${encodeURIComponent(name)}` : location.pathname);
    this.canvas.fit();
    this.refresh();
    this.validateSoon.flush();
    this.refreshCatalog().then(() => this.refresh()).catch(e => toast(e.message, 'error'));
  }

  /**
   * The workflow's declared parameters, each as one field: editing it sets every setting it targets
   * (as `quiver run --set NAME=VALUE` does), so the value shown is the first target's.
   */
  parameterFields() {
    const params = this.doc.parameters || [];
    if (!params.length) return [];
    const valueOf = target => {
      const dot = target.indexOf('.');
      const node = this.doc.nodes.find(n => n.id === target.slice(0, dot));
      return node && node.settings ? node.settings[target.slice(dot + 1)] : undefined;
    };
    const fields = params.map((p, i) => {
      const current = p.targets && p.targets.length ? valueOf(p.targets[0]) : undefined;
      const shown = current === undefined ? p.default : current;
      const input = el('input', { type: 'text', id: `wf-param-${i}`, 'data-parameter': p.name,
        value: shown === undefined ? '' : typeof shown === 'string' ? shown : JSON.stringify(shown) });
      const set = commit => this.editDoc(d => {
        // Keep the kind of value the setting had: numbers and booleans stay numbers and booleans.
        let v = input.value;
        if (typeof shown === 'number' && v.trim() !== '' && !isNaN(Number(v))) v = Number(v);
        else if (typeof shown === 'boolean' && (v === 'true' || v === 'false')) v = v === 'true';
        for (const t of p.targets || []) {
          const dot = t.indexOf('.');
          const n = d.nodes.find(x => x.id === t.slice(0, dot));
          if (n) n.settings = { ...(n.settings || {}), [t.slice(dot + 1)]: v };
        }
      }, commit);
      input.addEventListener('change', () => set(true));
      return el('div', { class: 'field' }, el('label', { for: `wf-param-${i}` }, p.label || p.name), input,
        el('div', { class: 'help' }, `${p.description ? p.description + ' ' : ''}Sets ${(p.targets || []).join(', ')}; `
          + `quiver run --set ${p.name}=VALUE.`));
    });
    return [el('h3', {}, 'Parameters'), ...fields];
  }

  // ------------------------------------------------------------ components

  async openComponentOf(nodeId) {
    const node = this.doc.nodes.find(n => n.id === nodeId);
    const entry = node && this.catalog.get(node.type);
    if (!entry || !entry.file) return;
    if (!await this.guardUnsaved()) return;
    try { await this.open(entry.file); } catch (e) { toast(e.message, 'error'); }
  }

  /**
   * Select nodes → Create component: a name, and which of the selected nodes' settings the
   * component node shows (with a label each). The server writes the component file and returns
   * the workflow with one component node in place of the selection, adopted as one undoable edit.
   */
  async createComponent() {
    const selected = this.doc.nodes.filter(n => this.selection.nodes.has(n.id));
    if (!selected.length) { toast('Select the nodes that should form the component.', 'info'); return; }
    const choice = await dialog((box, close) => {
      const name = el('input', { type: 'text', id: 'component-name', value: 'my-component', 'aria-label': 'File name' });
      const title = el('input', { type: 'text', id: 'component-title', value: '', placeholder: 'Shown in the palette' });
      const rows = [];
      for (const n of selected) {
        const entry = this.catalog.get(n.type);
        const props = entry && entry.settingsSchema ? entry.settingsSchema.properties || {} : {};
        for (const [key, prop] of Object.entries(props)) {
          const check = el('input', { type: 'checkbox', 'data-expose': `${n.id}.${key}` });
          const label = el('input', { type: 'text', value: prop.title || key, 'data-expose-label': `${n.id}.${key}` });
          const row = el('div', { class: 'expose-row' }, el('label', {}, check, ` ${n.id} · ${prop.title || key}`), label);
          rows.push({ node: n.id, setting: key, check, label, row });
        }
      }
      const submit = () => close({
        name: name.value.trim(), title: title.value.trim(),
        exposed: rows.filter(r => r.check.checked).map(r => ({ node: r.node, setting: r.setting,
          name: r.setting.replace(/[^A-Za-z0-9_-]/g, '') + (rows.filter(x => x.check.checked && x.setting === r.setting).length > 1 ? `-${r.node}` : ''),
          label: r.label.value.trim() })),
      });
      box.append(el('h2', {}, 'Create component'),
        el('p', { class: 'hint' }, `${selected.length} node${selected.length > 1 ? 's become' : ' becomes'} one node; wires crossing the selection become its ports. The component is saved in the components folder next to this workflow.`),
        el('div', { class: 'field' }, el('label', { for: 'component-name' }, 'File name (letters, digits, - and _)'), name),
        el('div', { class: 'field' }, el('label', { for: 'component-title' }, 'Title'), title),
        el('h3', {}, 'Settings the component node shows'),
        ...(rows.length ? rows.map(r => r.row) : [el('div', { class: 'empty' }, 'The selected nodes have no settings.')]),
        el('div', { class: 'actions' }, el('button', { onclick: () => close(null) }, 'Cancel'),
          el('button', { class: 'primary', id: 'component-ok', onclick: submit }, 'Create')));
    });
    if (!choice) return;
    const body = { workflow: this.name, document: this.doc, nodes: selected.map(n => n.id), ...choice };
    let r;
    try {
      r = await api.createComponent(body, false);
    } catch (e) {
      if (e.status === 409 && await confirmDialog('Replace?', `${e.message}`, 'Replace')) {
        try { r = await api.createComponent(body, true); } catch (e2) { toast(e2.message, 'error'); return; }
      } else { toast(e.message, 'error'); return; }
    }
    const before = this.snapshot();
    this.doc = { ...emptyDoc(), ...r.document };
    await this.refreshCatalog();
    this.selection = { nodes: new Set([r.node]), wire: null, note: null };
    this.form = null;
    this.changed(before);
    toast(`Created ${r.component}. Save the workflow to keep the change.`, 'info', 4000);
  }

  async openExample(name) {
    if (!await this.guardUnsaved()) return;
    try {
      const r = await api.openExample(name);
      await this.open(r.workflow);
      toast(`Copied the example into your workspace as ${r.workflow}.`, 'info', 4000);
    } catch (e) { toast(e.message, 'error'); }
  }

  async openDialog() {
    let workflows = [], examples = [];
    try { [workflows, examples] = await Promise.all([api.workflows(), api.examples()]); } catch (e) { toast(e.message, 'error'); }
    const choice = await dialog((box, close) => {
      const row = w => el('div', { class: 'wf-row', 'data-workflow': w.name },
        el('div', { class: 'name' }, el('b', {}, w.title || w.name),
          el('small', {}, `${w.name}${w.modified ? ' · ' + new Date(w.modified).toLocaleString() : ''}${w.nodes !== undefined ? ` · ${w.nodes} nodes` : ''}`)),
        el('button', { class: 'primary', onclick: () => close({ open: w.name }) }, 'Open'),
        el('button', { onclick: () => close({ rename: w.name }) }, 'Rename'),
        el('button', { class: 'danger', onclick: () => close({ remove: w.name }) }, 'Delete'));
      box.append(el('h2', {}, 'Open a workflow'), el('h3', {}, 'In your workspace'),
        ...(workflows.length ? workflows.map(row) : [el('div', { class: 'empty' }, 'No workflows saved yet.')]),
        el('h3', {}, 'Examples'),
        ...(examples.length ? examples.map(x => el('div', { class: 'wf-row', 'data-example': x.name },
          el('div', { class: 'name' }, el('b', {}, x.title || x.name), el('small', {}, x.description || x.name)),
          el('button', { class: 'primary', onclick: () => close({ example: x.name }) }, 'Open a copy')))
          : [el('div', { class: 'empty' }, 'No examples folder is configured.')]),
        el('div', { class: 'actions' }, el('button', { onclick: () => close(null) }, 'Close')));
    });
    if (!choice) return;
    try {
      if (choice.open) {
        if (await this.guardUnsaved()) await this.open(choice.open);
      } else if (choice.example) {
        await this.openExample(choice.example);
      } else if (choice.rename) {
        let to = await ask('Rename workflow', 'New name', choice.rename, 'Rename');
        if (to) {
          if (!to.endsWith('.quiver.json')) to += '.quiver.json';
          await api.rename(choice.rename, to);
          if (this.name === choice.rename) { this.name = to; location.hash = `wf=${encodeURIComponent(to)}`; await this.validate(); this.refresh(); }
          toast(`Renamed to ${to}.`, 'info', 2500);
        }
      } else if (choice.remove) {
        if (await confirmDialog('Delete workflow?', `Delete ${choice.remove} from the workspace? Its data files stay.`, 'Delete')) {
          await api.remove(choice.remove);
          if (this.name === choice.remove) { this.name = null; this.setDirty(true); this.refresh(); }
          toast(`Deleted ${choice.remove}.`, 'info', 2500);
        }
      }
    } catch (e) { toast(e.message, 'error'); }
  }

  // ------------------------------------------------------------ bindings

  bindToolbar() {
    $('btn-new').onclick = () => this.newWorkflow();
    $('btn-open').onclick = () => this.openDialog();
    $('btn-save').onclick = () => this.save(false);
    $('btn-save-as').onclick = () => this.save(true);
    $('btn-undo').onclick = () => this.undo();
    $('btn-redo').onclick = () => this.redo();
    $('btn-note').onclick = () => this.addNote();
    $('btn-component').onclick = () => this.createComponent();
    $('btn-run').onclick = () => this.run(null);
    $('btn-run-here').onclick = () => { const id = this.selectedNode(); if (id) this.run([id]); };
    $('btn-cancel').onclick = () => api.cancel(this.sessionId).catch(e => toast(e.message, 'error'));
    $('palette-search').addEventListener('input', () => this.renderPalette());
    $('zoom-in').onclick = () => this.canvas.zoomBy(1.2);
    $('zoom-out').onclick = () => this.canvas.zoomBy(1 / 1.2);
    $('zoom-fit').onclick = () => this.canvas.fit();
    window.addEventListener('beforeunload', e => { if (this.dirty) { e.preventDefault(); e.returnValue = ''; } });
  }

  bindTabs() {
    for (const t of document.querySelectorAll('.tab')) {
      t.addEventListener('click', () => {
        document.querySelectorAll('.tab').forEach(x => x.classList.toggle('active', x === t));
        $('tab-output').hidden = t.dataset.tab !== 'output';
        $('tab-problems').hidden = t.dataset.tab !== 'problems';
      });
    }
  }

  bindKeys() {
    document.addEventListener('keydown', e => {
      const typing = e.target.closest('input, textarea, select, [contenteditable]');
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 's') { e.preventDefault(); this.save(false); return; }
      if (typing || !document.getElementById('modal').hidden) return;
      if (e.key === 'Delete' || e.key === 'Backspace') { e.preventDefault(); this.deleteSelection(); }
      else if (mod && e.key.toLowerCase() === 'z' && !e.shiftKey) { e.preventDefault(); this.undo(); }
      else if (mod && (e.key.toLowerCase() === 'y' || (e.key.toLowerCase() === 'z' && e.shiftKey))) { e.preventDefault(); this.redo(); }
      else if (mod && e.key.toLowerCase() === 'c') { this.copy(); }
      else if (mod && e.key.toLowerCase() === 'v') { e.preventDefault(); this.paste(); }
      else if (mod && e.key.toLowerCase() === 'a') { e.preventDefault(); this.select(this.doc.nodes.map(n => n.id)); }
    });
  }
}

const editor = new Editor();
window.quiver = editor; // for the browser tests and the curious
editor.start().catch(e => {
  document.body.dataset.ready = 'error';
  toast(`The editor could not start: ${e.message}`, 'error', 60000);
});
