// The workflow canvas: a hand-written SVG editor. Nodes, typed ports, wires and notes are drawn
// from the document; every gesture ends in one change to the document (so undo sees it whole).
import { svg, toast } from './ui.js';

// Compact enough for workflow files laid out on a 200 × 120 grid.
export const NODE_W = 170;
const HEADER = 32;
const PORT_GAP = 18;

export function nodeHeight(entry) {
  const ports = entry ? Math.max(entry.inputs.length, entry.outputs.length, 1) : 1;
  return HEADER + ports * PORT_GAP + 6;
}

function portY(index) {
  return HEADER + 8 + index * PORT_GAP;
}

/** Port shapes tell types apart without colour: tables round, learners diamonds, models square, transforms triangles. */
function portShape(type, x, y, color, attrs) {
  const a = { class: 'port', fill: color || '#888', ...attrs };
  switch (type) {
    case 'quiver.learner': return svg('path', { ...a, d: `M${x - 6.5} ${y} L${x} ${y - 6.5} L${x + 6.5} ${y} L${x} ${y + 6.5} Z` });
    case 'quiver.model': return svg('rect', { ...a, x: x - 5.5, y: y - 5.5, width: 11, height: 11, rx: 2 });
    case 'quiver.transform': return svg('path', { ...a, d: `M${x - 5.5} ${y - 6.5} L${x + 6.5} ${y} L${x - 5.5} ${y + 6.5} Z` });
    default: return svg('circle', { ...a, cx: x, cy: y, r: 6 });
  }
}

function wirePath(x1, y1, x2, y2) {
  const dx = Math.max(40, Math.abs(x2 - x1) / 2);
  return `M${x1} ${y1} C${x1 + dx} ${y1} ${x2 - dx} ${y2} ${x2} ${y2}`;
}

const STATE_LABEL = { idle: 'Not configured', configured: 'Configured, ready to run', executing: 'Executing',
  executed: 'Executed', failed: 'Failed' };

export class Canvas {
  constructor(editor, svgEl) {
    this.editor = editor;
    this.el = svgEl;
    this.view = { x: 40, y: 30, k: 1 };
    this.viewport = svg('g', { class: 'viewport' });
    this.notesLayer = svg('g', { class: 'notes' });
    this.wiresLayer = svg('g', { class: 'wires' });
    this.nodesLayer = svg('g', { class: 'nodes' });
    this.tempLayer = svg('g', { class: 'temp' });
    this.viewport.append(this.notesLayer, this.wiresLayer, this.nodesLayer, this.tempLayer);
    this.el.append(this.viewport);
    this.el.addEventListener('pointerdown', e => this.onPointerDown(e));
    this.el.addEventListener('dblclick', e => this.onDoubleClick(e));
    this.el.addEventListener('wheel', e => this.onWheel(e), { passive: false });
    this.applyView();
  }

  applyView() {
    const { x, y, k } = this.view;
    this.viewport.setAttribute('transform', `translate(${x} ${y}) scale(${k})`);
    this.el.style.backgroundPosition = `${x}px ${y}px`;
    this.el.style.backgroundSize = `${20 * k}px ${20 * k}px`;
  }

  /** Page coordinates → document coordinates. */
  toWorld(clientX, clientY) {
    const r = this.el.getBoundingClientRect();
    return { x: (clientX - r.left - this.view.x) / this.view.k, y: (clientY - r.top - this.view.y) / this.view.k };
  }

  isInside(clientX, clientY) {
    const r = this.el.getBoundingClientRect();
    return clientX >= r.left && clientX <= r.right && clientY >= r.top && clientY <= r.bottom;
  }

  // ------------------------------------------------------------ drawing

  render() {
    const ed = this.editor;
    this.nodesLayer.replaceChildren(...ed.doc.nodes.map(n => this.renderNode(n)));
    this.renderWires();
    // Leave a note that is being typed into alone: a validation reply must not eat the keystrokes.
    if (!this.notesLayer.contains(document.activeElement)) this.renderNotes();
  }

  /** Updates notes in place: replacing the element under the pointer would swallow a double-click. */
  renderNotes() {
    const notes = this.editor.doc.annotations;
    const existing = [...this.notesLayer.children];
    if (existing.length !== notes.length) {
      this.notesLayer.replaceChildren(...notes.map((a, i) => this.renderNote(a, i)));
      return;
    }
    notes.forEach((a, i) => {
      const fo = existing[i];
      fo.setAttribute('x', a.position.x);
      fo.setAttribute('y', a.position.y);
      fo.setAttribute('width', a.width || 220);
      fo.setAttribute('height', a.height || 90);
      const div = fo.firstChild;
      div.className = `note-box${this.editor.selection.note === i ? ' selected' : ''}`;
      const text = a.text || 'Double-click to write a note';
      if (div.textContent !== text || div.firstElementChild) div.textContent = text;
    });
  }

  renderNode(n) {
    const ed = this.editor;
    const entry = ed.catalog.get(n.type);
    const h = nodeHeight(entry);
    const st = ed.nodeState(n.id);
    const state = st ? st.state : 'idle';
    const error = st && st.error;
    const selected = ed.selection.nodes.has(n.id);
    const g = svg('g', { class: `node${selected ? ' selected' : ''}${error ? ' error' : ''}`, 'data-role': 'node',
      'data-node-id': n.id, 'data-type': n.type, 'data-state': state,
      transform: `translate(${n.position.x} ${n.position.y})` });
    g.append(svg('rect', { class: 'body', width: NODE_W, height: h, rx: 8 }));
    g.append(svg('path', { class: 'header', d: `M0 8 Q0 0 8 0 L${NODE_W - 8} 0 Q${NODE_W} 0 ${NODE_W} 8 L${NODE_W} ${HEADER - 4} L0 ${HEADER - 4} Z` }));
    const name = entry ? entry.name : n.type;
    g.append(svg('text', { class: 'title', x: 10, y: 14 }, name.length > 21 ? name.slice(0, 20) + '…' : name));
    g.append(svg('text', { class: 'subtitle', x: 10, y: 25 }, n.id.length > 26 ? n.id.slice(0, 25) + '…' : n.id, svg('title', {}, n.id)));
    const statusText = error ? `${STATE_LABEL[state] || state}: ${st.message}` : (STATE_LABEL[state] || state)
      + (st && st.message ? `: ${st.message}` : '');
    g.append(svg('circle', { class: `status ${error ? 'error' : state}`, cx: NODE_W - 13, cy: 14, r: 6 },
      svg('title', {}, statusText)));
    if (state === 'executed') g.append(svg('path', { d: `M${NODE_W - 16} 14 l2.2 2.4 l4 -4.6`, stroke: '#fff', 'stroke-width': 1.8, fill: 'none', 'pointer-events': 'none' }));
    if (st && st.warnings && st.warnings.length) {
      g.append(svg('text', { class: 'warn', x: NODE_W - 30, y: 19, 'text-anchor': 'middle' }, '⚠',
        svg('title', {}, st.warnings.join('\n'))));
    }
    if (error) g.append(svg('text', { x: NODE_W - 13, y: 18, 'text-anchor': 'middle', fill: '#fff', 'font-size': 11, 'font-weight': 700, 'pointer-events': 'none' }, '!'));
    if (!entry) {
      g.append(svg('text', { class: 'msg error', x: 10, y: HEADER + 14 }, 'Node type not installed'));
    } else {
      entry.inputs.forEach((p, i) => {
        const y = portY(i);
        g.append(svg('text', { class: 'portlabel', x: 11, y: y + 3.5 }, p.name + (p.optional ? ' (optional)' : '')));
        g.append(portShape(p.type, 0, y, p.color, { 'data-role': 'in', 'data-node': n.id, 'data-port': p.name,
          'data-type': p.type }));
        g.lastChild.append(svg('title', {}, `${p.typeName} input '${p.name}'${p.description ? ' — ' + p.description : ''}`));
      });
      entry.outputs.forEach((p, i) => {
        const y = portY(i);
        g.append(svg('text', { class: 'portlabel', x: NODE_W - 11, y: y + 3.5, 'text-anchor': 'end' }, p.name));
        g.append(portShape(p.type, NODE_W, y, p.color, { 'data-role': 'out', 'data-node': n.id, 'data-port': p.name,
          'data-type': p.type }));
        g.lastChild.append(svg('title', {}, `${p.typeName} output '${p.name}'${p.description ? ' — ' + p.description : ''}`));
      });
    }
    const prog = ed.progress.get(n.id);
    if (state === 'executing') {
      const f = prog ? Math.max(0.03, Math.min(1, prog.fraction)) : 0.03;
      g.append(svg('rect', { class: 'progress-bg', x: 8, y: h - 5, width: NODE_W - 16, height: 3, rx: 1.5 }));
      g.append(svg('rect', { class: 'progress', x: 8, y: h - 5, width: (NODE_W - 16) * f, height: 3, rx: 1.5 },
        svg('title', {}, prog && prog.message ? prog.message : 'Running…')));
    }
    // Only errors get a line under the node; 'waiting for input' notes live in the tooltip and the inspector.
    let below = h + 15;
    if (st && st.message && error) {
      const text = st.message.length > 44 ? st.message.slice(0, 43) + '…' : st.message;
      g.append(svg('text', { class: `msg ${error ? 'error' : 'info'}`, x: 2, y: below }, text, svg('title', {}, st.message)));
      below += 14;
    } else if (prog && state === 'executing' && prog.message) {
      g.append(svg('text', { class: 'msg info', x: 2, y: below }, prog.message));
      below += 14;
    }
    if (n.annotation) {
      const text = n.annotation.length > 40 ? n.annotation.slice(0, 39) + '…' : n.annotation;
      g.append(svg('text', { class: 'node-label', x: NODE_W / 2, y: below, 'text-anchor': 'middle' }, text,
        svg('title', {}, n.annotation)));
    }
    return g;
  }

  portPos(nodeId, port, dir) {
    const n = this.editor.doc.nodes.find(x => x.id === nodeId);
    const entry = n && this.editor.catalog.get(n.type);
    if (!entry) return null;
    const list = dir === 'in' ? entry.inputs : entry.outputs;
    const i = list.findIndex(p => p.name === port);
    if (i < 0) return null;
    return { x: n.position.x + (dir === 'in' ? 0 : NODE_W), y: n.position.y + portY(i), type: list[i].type, color: list[i].color };
  }

  renderWires() {
    const ed = this.editor;
    const parts = [];
    ed.doc.connections.forEach((c, i) => {
      const a = this.portPos(c.from.node, c.from.port, 'out');
      const b = this.portPos(c.to.node, c.to.port, 'in');
      if (!a || !b) return;
      const d = wirePath(a.x, a.y, b.x, b.y);
      const selected = ed.selection.wire === i;
      parts.push(svg('path', { class: 'wire-hit', d, 'data-role': 'wire', 'data-index': i }));
      parts.push(svg('path', { class: `wire${selected ? ' selected' : ''}`, d, 'data-role': 'wire', 'data-index': i,
        style: selected ? '' : `stroke:${a.color || '#8a96a3'};opacity:.75` }));
    });
    this.wiresLayer.replaceChildren(...parts);
  }

  renderNote(a, i) {
    const ed = this.editor;
    const fo = svg('foreignObject', { x: a.position.x, y: a.position.y, width: a.width || 220, height: a.height || 90,
      'data-role': 'note', 'data-index': i });
    const div = document.createElement('div');
    div.className = `note-box${ed.selection.note === i ? ' selected' : ''}`;
    div.dataset.role = 'note';
    div.dataset.index = i;
    div.textContent = a.text || 'Double-click to write a note';
    div.title = 'Double-click to edit';
    fo.append(div);
    return fo;
  }

  // ------------------------------------------------------------ gestures

  onPointerDown(e) {
    if (e.button !== 0) return;
    const ed = this.editor;
    const target = e.target.closest('[data-role]');
    const role = target ? target.dataset.role : null;
    this.el.focus({ preventScroll: true });
    if (role === 'out') {
      e.preventDefault();
      this.startWire(e, target);
    } else if (role === 'node' || role === 'in') {
      const g = target.closest('[data-role=node]');
      const id = g.dataset.nodeId;
      if (e.shiftKey || e.ctrlKey || e.metaKey) {
        if (ed.selection.nodes.has(id)) ed.selection.nodes.delete(id); else ed.selection.nodes.add(id);
        ed.select(ed.selection.nodes);
      } else if (!ed.selection.nodes.has(id) || ed.selection.nodes.size !== 1) {
        ed.select(new Set([id]));
      }
      this.startMove(e, [...ed.selection.nodes].map(nid => ({ kind: 'node', id: nid })));
    } else if (role === 'wire') {
      ed.selectWire(Number(target.dataset.index));
    } else if (role === 'note') {
      if (e.target.tagName === 'TEXTAREA') return;
      const i = Number(target.dataset.index);
      ed.selectNote(i);
      this.startMove(e, [{ kind: 'note', index: i }]);
    } else if (e.shiftKey) {
      this.startBoxSelect(e);
    } else {
      ed.select(new Set());
      this.startPan(e);
    }
  }

  /** Shift-drag on the background selects the nodes inside the rectangle. */
  startBoxSelect(e) {
    const ed = this.editor;
    const a = this.toWorld(e.clientX, e.clientY);
    const box = svg('rect', { class: 'select-box', x: a.x, y: a.y, width: 0, height: 0 });
    this.tempLayer.replaceChildren(box);
    let b = a;
    this.track(e, ev => {
      b = this.toWorld(ev.clientX, ev.clientY);
      box.setAttribute('x', Math.min(a.x, b.x));
      box.setAttribute('y', Math.min(a.y, b.y));
      box.setAttribute('width', Math.abs(b.x - a.x));
      box.setAttribute('height', Math.abs(b.y - a.y));
    }, () => {
      this.tempLayer.replaceChildren();
      const [x0, x1] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
      const [y0, y1] = [Math.min(a.y, b.y), Math.max(a.y, b.y)];
      ed.select(ed.doc.nodes.filter(n => n.position.x < x1 && n.position.x + NODE_W > x0
        && n.position.y < y1 && n.position.y + nodeHeight(ed.catalog.get(n.type)) > y0).map(n => n.id));
    });
  }

  track(e, onMove, onUp) {
    const move = ev => onMove(ev);
    const up = ev => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
      onUp(ev);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
  }

  startPan(e) {
    const start = { x: e.clientX, y: e.clientY, vx: this.view.x, vy: this.view.y };
    this.el.style.cursor = 'grabbing';
    this.track(e, ev => {
      this.view.x = start.vx + ev.clientX - start.x;
      this.view.y = start.vy + ev.clientY - start.y;
      this.applyView();
    }, () => { this.el.style.cursor = ''; });
  }

  startMove(e, items) {
    const ed = this.editor;
    const before = ed.snapshot();
    const start = this.toWorld(e.clientX, e.clientY);
    const origin = items.map(it => {
      const obj = it.kind === 'node' ? ed.doc.nodes.find(n => n.id === it.id) : ed.doc.annotations[it.index];
      return { obj, x: obj.position.x, y: obj.position.y };
    });
    let moved = false;
    this.track(e, ev => {
      const p = this.toWorld(ev.clientX, ev.clientY);
      const dx = p.x - start.x, dy = p.y - start.y;
      if (!moved && Math.hypot(dx, dy) < 3) return;
      moved = true;
      for (const o of origin) {
        // Snap to the background grid so workflows line up without effort.
        o.obj.position = { x: Math.round((o.x + dx) / 10) * 10, y: Math.round((o.y + dy) / 10) * 10 };
      }
      this.render();
    }, () => { if (moved) ed.changed(before); });
  }

  startWire(e, portEl) {
    const ed = this.editor;
    const from = { node: portEl.dataset.node, port: portEl.dataset.port };
    const type = portEl.dataset.type;
    const a = this.portPos(from.node, from.port, 'out');
    const path = svg('path', { class: 'wire temp', d: wirePath(a.x, a.y, a.x, a.y), stroke: a.color });
    this.tempLayer.replaceChildren(path);
    const inputs = [...this.nodesLayer.querySelectorAll('[data-role=in]')];
    for (const p of inputs) {
      const ok = p.dataset.type === type && p.dataset.node !== from.node;
      p.classList.add(ok ? 'compatible' : 'incompatible');
    }
    this.track(e, ev => {
      const p = this.toWorld(ev.clientX, ev.clientY);
      path.setAttribute('d', wirePath(a.x, a.y, p.x, p.y));
    }, ev => {
      inputs.forEach(p => p.classList.remove('compatible', 'incompatible'));
      const hit = document.elementFromPoint(ev.clientX, ev.clientY);
      const target = hit && hit.closest('[data-role=in]');
      if (!target) { this.tempLayer.replaceChildren(); return; }
      const to = { node: target.dataset.node, port: target.dataset.port };
      const refusal = this.refusal(from, type, to, target.dataset.type);
      if (refusal) {
        path.classList.add('refused');
        setTimeout(() => this.tempLayer.replaceChildren(), 500);
        ed.refuseWire(refusal);
        return;
      }
      this.tempLayer.replaceChildren();
      ed.connect(from, to);
    });
  }

  /** Why a wire may not be made, in words; null when it may. */
  refusal(from, fromType, to, toType) {
    const ed = this.editor;
    const outName = this.portTypeName(from.node, from.port, 'out');
    const inName = this.portTypeName(to.node, to.port, 'in');
    if (from.node === to.node) return 'A node cannot feed itself.';
    if (fromType !== toType) {
      return `Refused: output '${from.port}' of ${from.node} is a ${outName}, but input '${to.port}' of ${to.node} expects a ${inName}. Connect a ${inName} output instead.`;
    }
    if (ed.reaches(to.node, from.node)) return `Refused: wiring ${from.node} into ${to.node} would make a cycle.`;
    return null;
  }

  portTypeName(nodeId, port, dir) {
    const n = this.editor.doc.nodes.find(x => x.id === nodeId);
    const entry = n && this.editor.catalog.get(n.type);
    const p = entry && (dir === 'in' ? entry.inputs : entry.outputs).find(x => x.name === port);
    return p ? p.typeName : 'port';
  }

  onDoubleClick(e) {
    const target = e.target.closest('[data-role=note]');
    if (!target) {
      // A component node opens its file, as a double-click opens a folder.
      const node = e.target.closest('[data-node-id]');
      if (node) this.editor.openComponentOf(node.dataset.nodeId);
      return;
    }
    const i = Number(target.dataset.index);
    const box = target.tagName === 'foreignObject' ? target.firstChild : target;
    const ed = this.editor;
    const note = ed.doc.annotations[i];
    const area = document.createElement('textarea');
    area.value = note.text || '';
    area.setAttribute('aria-label', 'Note text');
    box.replaceChildren(area);
    area.focus();
    area.addEventListener('blur', () => {
      if (area.value !== (note.text || '')) {
        const before = ed.snapshot();
        note.text = area.value;
        ed.changed(before);
      } else {
        this.render();
      }
    });
  }

  onWheel(e) {
    e.preventDefault();
    const r = this.el.getBoundingClientRect();
    this.zoomAt(e.clientX - r.left, e.clientY - r.top, this.view.k * Math.exp(-e.deltaY * 0.0015));
  }

  zoomBy(factor) {
    const r = this.el.getBoundingClientRect();
    this.zoomAt(r.width / 2, r.height / 2, this.view.k * factor);
  }

  zoomAt(mx, my, wanted) {
    const k = Math.min(2, Math.max(0.3, wanted));
    this.view.x = mx - (mx - this.view.x) * (k / this.view.k);
    this.view.y = my - (my - this.view.y) * (k / this.view.k);
    this.view.k = k;
    this.applyView();
  }

  /** Places the view so the workflow is in sight (after opening a file). */
  fit() {
    const nodes = this.editor.doc.nodes;
    if (!nodes.length) { this.view = { x: 40, y: 30, k: 1 }; this.applyView(); return; }
    const minX = Math.min(...nodes.map(n => n.position.x)), minY = Math.min(...nodes.map(n => n.position.y));
    const maxX = Math.max(...nodes.map(n => n.position.x + NODE_W));
    const maxY = Math.max(...nodes.map(n => n.position.y + nodeHeight(this.editor.catalog.get(n.type)) + 20));
    const r = this.el.getBoundingClientRect();
    const k = Math.min(1, Math.max(0.4, Math.min((r.width - 80) / (maxX - minX || 1), (r.height - 60) / (maxY - minY || 1))));
    this.view = { k, x: 40 - minX * k, y: 30 - minY * k };
    this.applyView();
  }
}

export function refuseToast(message) {
  toast(message, 'error', 6000);
}
