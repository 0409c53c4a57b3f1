// The Output tab: a node's ports (paged, sortable tables; other port objects described), its
// metrics as cards, and its charts drawn by vega-embed from the Vega-Lite specs the server sends.
import { api } from './api.js';
import { el, formatNumber } from './ui.js';

const PAGE = 50;

export class OutputView {
  constructor(container, editor) {
    this.box = container;
    this.editor = editor;
    this.node = undefined; // so that the first show(null) draws the empty state
    this.active = null;
    this.views = [];
  }

  empty(text) {
    this.finalize();
    this.box.replaceChildren(el('div', { class: 'empty' }, text));
  }

  finalize() {
    this.views.forEach(v => v.finalize && v.finalize());
    this.views = [];
  }

  async show(nodeId) {
    const ed = this.editor;
    if (!nodeId) { this.node = null; return this.empty('Select a node to see its output.'); }
    const st = ed.nodeState(nodeId);
    if (!st || !st.hasResult) {
      this.node = nodeId;
      const why = st && st.error ? `Node ${nodeId} has a problem: ${st.message}` : `Node ${nodeId} has not run yet. Run it to see its output.`;
      return this.empty(why);
    }
    let out;
    try {
      out = await api.outputs(ed.sessionId, nodeId);
    } catch (e) {
      return this.empty(e.message);
    }
    if (this.node !== nodeId) this.active = null;
    this.node = nodeId;
    this.out = out;
    const tabs = [];
    if (out.charts.length) tabs.push({ key: 'charts', label: `Charts (${out.charts.length})` });
    for (const p of out.ports) tabs.push({ key: `port:${p.index}`, label: `${p.name} · ${p.typeName}` });
    if (!this.active || !tabs.some(t => t.key === this.active)) {
      const metrics = out.ports.find(p => isMetrics(p));
      this.active = metrics ? `port:${metrics.index}` : tabs[0].key;
    }
    const bar = el('div', { class: 'out-tabs', role: 'tablist' }, tabs.map(t => el('button', {
      class: t.key === this.active ? 'active' : '', 'data-out': t.key,
      onclick: () => { this.active = t.key; this.show(nodeId); } }, t.label)));
    const body = el('div', { class: 'out-body' });
    this.finalize();
    this.box.replaceChildren(bar, body);
    if (this.active === 'charts') this.renderCharts(body, out.charts);
    else this.renderPort(body, out.ports[Number(this.active.split(':')[1])]);
  }

  renderCharts(body, charts) {
    const wrap = el('div', { class: 'charts' });
    body.append(wrap);
    if (!window.vegaEmbed) {
      wrap.append(el('div', { class: 'empty' }, 'The chart library did not load; the charts cannot be drawn.'));
      return;
    }
    for (const c of charts) {
      const div = el('div', { class: 'chart', 'data-chart': c.id });
      wrap.append(div);
      const spec = { ...c.vegaLite, width: 260, height: 160 };
      window.vegaEmbed(div, spec, { actions: false, renderer: 'svg' })
        .then(r => this.views.push(r))
        .catch(e => div.append(el('div', { class: 'empty' }, `Chart ${c.id}: ${e.message}`)));
    }
  }

  renderPort(body, port) {
    body.append(el('div', { class: 'out-summary' }, port.summary));
    if (port.table) {
      this.renderTable(body, port, { offset: 0, sort: null, desc: false });
    } else {
      body.append(el('div', { class: 'spec' }, port.spec));
      const details = port.details && Object.keys(port.details).length ? JSON.stringify(port.details, null, 2) : null;
      if (details) body.append(el('pre', { class: 'details' }, details));
    }
  }

  async renderTable(body, port, state, replacing = null) {
    const ed = this.editor;
    let page;
    try {
      page = await api.table(ed.sessionId, this.node, port.name, state.offset, PAGE, state.sort, state.desc);
    } catch (e) {
      body.append(el('div', { class: 'empty' }, e.message));
      return;
    }
    const holder = el('div', { class: 'table-view' });
    if (isMetrics(port) && state.offset === 0 && !state.sort) {
      holder.append(el('div', { class: 'metrics' }, page.rows.map(r => el('div', { class: 'metric', 'data-metric': r[0] },
        el('div', { class: 'v' }, formatNumber(r[1])), el('div', { class: 'k' }, r[0])))));
    }
    const head = el('tr', {}, page.columns.map(c => el('th', {
      title: `Sort by ${c.name}`, 'data-column': c.name,
      onclick: () => this.rerender(holder, body, port, { offset: 0, sort: c.name, desc: state.sort === c.name ? !state.desc : false }) },
      c.name + (state.sort === c.name ? (state.desc ? ' ▾' : ' ▴') : ''),
      el('small', {}, c.type + (c.role !== 'feature' ? ` · ${c.role}` : '')))));
    const rows = page.rows.map(r => el('tr', {}, r.map((v, j) => {
      const numeric = page.columns[j].type === 'double' || page.columns[j].type === 'long';
      return el('td', { class: v === null ? 'missing' : numeric ? 'num' : '' }, v === null ? '?' : formatNumber(v));
    })));
    holder.append(el('table', { class: 'data' }, el('thead', {}, head), el('tbody', {}, rows)));
    const last = Math.min(page.rowCount, state.offset + PAGE);
    holder.append(el('div', { class: 'pager' },
      el('button', { disabled: state.offset === 0, onclick: () => this.rerender(holder, body, port, { ...state, offset: Math.max(0, state.offset - PAGE) }) }, '‹ Previous'),
      el('span', { class: 'range' }, page.rowCount ? `Rows ${state.offset + 1}–${last} of ${page.rowCount}` : 'No rows'),
      el('button', { disabled: last >= page.rowCount, onclick: () => this.rerender(holder, body, port, { ...state, offset: state.offset + PAGE }) }, 'Next ›')));
    // Swap only once the new page is here, so the table does not flicker while paging or sorting.
    if (replacing && replacing.isConnected) replacing.replaceWith(holder);
    else body.append(holder);
  }

  rerender(holder, body, port, state) {
    this.renderTable(body, port, state, holder);
  }
}

function isMetrics(port) {
  return port.table && /^2 columns?: metric \(string\), value \(double\)/.test(port.spec || '');
}
