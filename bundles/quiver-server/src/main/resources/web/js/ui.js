// Small DOM helpers shared by the editor's modules.

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  setAttrs(e, attrs);
  for (const c of children.flat()) {
    if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

export const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg(tag, attrs = {}, ...children) {
  const e = document.createElementNS(SVG_NS, tag);
  setAttrs(e, attrs);
  for (const c of children.flat()) {
    if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

function setAttrs(e, attrs) {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
}

export function toast(message, kind = 'info', millis = 4500) {
  const t = el('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status', title: 'Click to dismiss',
    onclick: () => t.remove() }, message);
  document.getElementById('toasts').append(t);
  setTimeout(() => t.remove(), millis);
}

/** A modal dialog; resolves with the value passed to close(), or null when dismissed. */
export function dialog(build) {
  const modal = document.getElementById('modal');
  return new Promise(resolve => {
    const box = el('div', { class: 'dialog', role: 'dialog', 'aria-modal': 'true' });
    const close = value => {
      modal.hidden = true;
      modal.replaceChildren();
      document.removeEventListener('keydown', onKey, true);
      resolve(value);
    };
    const onKey = e => { if (e.key === 'Escape') { e.stopPropagation(); close(null); } };
    document.addEventListener('keydown', onKey, true);
    build(box, close);
    modal.replaceChildren(box);
    modal.hidden = false;
    modal.onclick = e => { if (e.target === modal) close(null); };
    const first = box.querySelector('input, select, button.primary');
    if (first) first.focus();
  });
}

export function ask(title, label, value = '', okText = 'OK') {
  return dialog((box, close) => {
    const input = el('input', { type: 'text', value, 'aria-label': label, id: 'ask-input' });
    input.addEventListener('keydown', e => { if (e.key === 'Enter') close(input.value.trim()); });
    box.append(el('h2', {}, title), el('div', { class: 'field' }, el('label', { for: 'ask-input' }, label), input),
      el('div', { class: 'actions' },
        el('button', { onclick: () => close(null) }, 'Cancel'),
        el('button', { class: 'primary', id: 'ask-ok', onclick: () => close(input.value.trim()) }, okText)));
    setTimeout(() => { input.focus(); input.select(); }, 0);
  });
}

export function confirmDialog(title, text, okText = 'OK') {
  return dialog((box, close) => {
    box.append(el('h2', {}, title), el('p', {}, text), el('div', { class: 'actions' },
      el('button', { onclick: () => close(false) }, 'Cancel'),
      el('button', { class: 'primary', id: 'confirm-ok', onclick: () => close(true) }, okText)));
  }).then(v => v === true);
}

export function debounce(fn, millis) {
  let t = null;
  const d = (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), millis); };
  d.flush = (...args) => { clearTimeout(t); fn(...args); };
  d.cancel = () => clearTimeout(t);
  return d;
}

export function formatNumber(v) {
  if (typeof v !== 'number') return v;
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-4 || a >= 1e7)) return v.toExponential(3);
  return v.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
}

/** The little Markdown node descriptions use (**bold**, *emphasis*, `code`), built as DOM: never innerHTML. */
export function richText(text) {
  const out = document.createDocumentFragment();
  const re = /(\*\*[^*]+\*\*|\*[^*\s][^*]*\*|`[^`]+`)/g;
  let last = 0;
  for (const m of (text || '').matchAll(re)) {
    out.append(text.slice(last, m.index));
    const t = m[0];
    if (t.startsWith('**')) out.append(el('strong', {}, t.slice(2, -2)));
    else if (t.startsWith('`')) out.append(el('code', {}, t.slice(1, -1)));
    else out.append(el('em', {}, t.slice(1, -1)));
    last = m.index + t.length;
  }
  out.append((text || '').slice(last));
  return out;
}
