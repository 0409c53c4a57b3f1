// The settings form of a node, generated from its JSON Schema. Column pickers (x-quiver-column)
// are fed by the input specs the server's validation returns; every edit is checked locally
// against the schema's bounds and then by the node itself through a debounced re-validation.
import { el, richText } from './ui.js';

export function defaultsOf(schema) {
  const out = {};
  for (const [k, p] of Object.entries(schema.properties || {})) {
    if (p.default !== undefined) out[k] = structuredClone(p.default);
    else if (p.type === 'object') out[k] = defaultsOf(p);
    else if (p.type === 'array') out[k] = [];
    else if (p.type === 'boolean') out[k] = false;
    else if (p.type === 'string') out[k] = p.enum ? p.enum[0] : '';
    else out[k] = p.minimum !== undefined ? p.minimum : 0;
  }
  return out;
}

/** Local checks against the schema; the node's own configure gives the final word. */
function localProblem(p, value) {
  if (p.type === 'integer' || p.type === 'number') {
    if (value === null || value === '' || Number.isNaN(value)) return 'Enter a number.';
    if (p.type === 'integer' && !Number.isInteger(value)) return 'Enter a whole number.';
    if (p.minimum !== undefined && value < p.minimum) return `Must be at least ${p.minimum}.`;
    if (p.maximum !== undefined && value > p.maximum) return `Must be at most ${p.maximum}.`;
  }
  return null;
}

export class SettingsForm {
  /**
   * @param node      the node document (its settings are edited in place through onChange)
   * @param entry     the node type's catalogue entry
   * @param inputSpecs the validation's input specs of the node (may be empty)
   * @param onChange  (newSettings, {commit}) => void
   */
  constructor(node, entry, inputSpecs, onChange) {
    this.node = node;
    this.entry = entry;
    this.inputSpecs = inputSpecs || [];
    this.onChange = onChange;
    this.columnFields = [];
    this.settings = Object.assign(defaultsOf(entry.settingsSchema), structuredClone(node.settings || {}));
    this.root = el('form', { class: 'settings-form', autocomplete: 'off', onsubmit: e => e.preventDefault() });
    const props = Object.entries(entry.settingsSchema.properties || {});
    if (!props.length) this.root.append(el('p', { class: 'hint' }, 'This node has no settings.'));
    for (const [key, p] of props) this.root.append(this.field([key], p));
  }

  get(path) { return path.reduce((o, k) => (o == null ? undefined : o[k]), this.settings); }

  set(path, value, commit) {
    let o = this.settings;
    for (const k of path.slice(0, -1)) o = o[k] ??= {};
    o[path[path.length - 1]] = value;
    this.onChange(structuredClone(this.settings), { commit });
  }

  field(path, p) {
    const key = path.join('.');
    const id = `f-${this.node.id}-${key}`.replace(/[^A-Za-z0-9_-]/g, '_');
    const title = p.title || path[path.length - 1];
    const help = p.description ? el('div', { class: 'help' }, richText(p.description)) : '';
    const invalid = el('div', { class: 'invalid', hidden: true });
    const wrap = el('div', { class: 'field', 'data-key': key });
    const value = this.get(path);

    if (p['x-quiver-column']) {
      const cf = { path, p, id, wrap, title, help };
      this.columnFields.push(cf);
      this.renderColumnField(cf);
      return wrap;
    }
    if (p.type === 'object') {
      const fs = el('fieldset', {}, el('legend', {}, title));
      if (help) fs.append(help);
      for (const [k, sub] of Object.entries(p.properties || {})) fs.append(this.field([...path, k], sub));
      return fs;
    }
    if (p.type === 'boolean') {
      wrap.className = 'field checkbox';
      const box = el('input', { type: 'checkbox', id, name: key, checked: !!value });
      box.addEventListener('change', () => this.set(path, box.checked, true));
      wrap.append(el('label', { for: id }, box, title), help);
      return wrap;
    }
    if (p.enum) {
      const sel = el('select', { id, name: key }, p.enum.map(v => el('option', { value: v, selected: v === value }, pretty(v))));
      sel.addEventListener('change', () => this.set(path, sel.value, true));
      wrap.append(el('label', { for: id }, title), sel, help);
      return wrap;
    }
    if (p.type === 'integer' || p.type === 'number') {
      const input = el('input', { type: 'number', id, name: key, value: value ?? '', step: p.type === 'integer' ? 1 : 'any',
        min: p.minimum, max: p.maximum });
      const check = () => {
        const v = input.value === '' ? null : Number(input.value);
        const problem = localProblem(p, v);
        invalid.hidden = !problem;
        invalid.textContent = problem || '';
        input.classList.toggle('bad', !!problem);
        return { v, problem };
      };
      input.addEventListener('input', () => { const { v, problem } = check(); if (!problem) this.set(path, v, false); });
      input.addEventListener('change', () => { const { v, problem } = check(); if (!problem) this.set(path, v, true); });
      const range = p.minimum !== undefined || p.maximum !== undefined
        ? ` (${p.minimum ?? '−∞'} – ${p.maximum ?? '∞'}${p['x-quiver-scale'] === 'log' ? ', log scale' : ''})` : '';
      wrap.append(el('label', { for: id }, title, el('span', { class: 'col-type' }, range)), input, invalid, help);
      return wrap;
    }
    if (p.type === 'array') {
      wrap.append(el('div', { class: 'label' }, title), this.listEditor(path, p), help);
      return wrap;
    }
    const input = el('input', { type: 'text', id, name: key, value: value ?? '' });
    input.addEventListener('input', () => this.set(path, input.value, false));
    input.addEventListener('change', () => this.set(path, input.value, true));
    wrap.append(el('label', { for: id }, title), input, help);
    return wrap;
  }

  listEditor(path, p) {
    const box = el('div', { class: 'list-editor' });
    const numeric = p.items && (p.items.type === 'number' || p.items.type === 'integer');
    const draw = () => {
      const items = this.get(path) || [];
      box.replaceChildren(...items.map((v, i) => {
        const input = el('input', { type: numeric ? 'number' : 'text', value: v, 'aria-label': `Item ${i + 1}`,
          placeholder: v === '' ? '(empty cell)' : '' });
        input.addEventListener('change', () => {
          const next = [...(this.get(path) || [])];
          next[i] = numeric ? Number(input.value) : input.value;
          this.set(path, next, true);
        });
        return el('div', { class: 'row' }, input, el('button', { type: 'button', title: 'Remove', onclick: () => {
          const next = [...(this.get(path) || [])];
          next.splice(i, 1);
          this.set(path, next, true);
          draw();
        } }, '×'));
      }), el('button', { type: 'button', onclick: () => {
        this.set(path, [...(this.get(path) || []), numeric ? 0 : ''], true);
        draw();
      } }, '+ Add'));
    };
    draw();
    return box;
  }

  columnsFor(p) {
    const c = p['x-quiver-column'];
    const spec = this.inputSpecs[c.port || 0];
    if (!spec || !spec.known || !spec.columns) return null;
    const types = c.types || [];
    return spec.columns.filter(col => !types.length || types.includes(col.type));
  }

  renderColumnField(cf) {
    const { path, p, id, wrap, title, help } = cf;
    const c = p['x-quiver-column'];
    const columns = this.columnsFor(p);
    const value = this.get(path);
    const label = el('label', { for: id }, title);
    if (!columns) {
      // No spec upstream yet: a plain text field keeps the setting editable.
      const input = el('input', { type: 'text', id, name: path.join('.'),
        value: Array.isArray(value) ? value.join(', ') : (value ?? ''),
        placeholder: 'Connect and configure the input to pick columns' });
      const parse = () => (c.multiple ? input.value.split(',').map(s => s.trim()).filter(Boolean) : input.value.trim());
      input.addEventListener('input', () => this.set(path, parse(), false));
      input.addEventListener('change', () => this.set(path, parse(), true));
      wrap.replaceChildren(label, input, help || '');
      return;
    }
    if (c.multiple) {
      const chosen = new Set(value || []);
      const list = el('div', { class: 'col-list', id, role: 'group', 'aria-label': title },
        columns.length ? columns.map(col => {
          const box = el('input', { type: 'checkbox', value: col.name, checked: chosen.has(col.name) });
          box.addEventListener('change', () => {
            const next = columns.map(x => x.name).filter(n => (n === col.name ? box.checked : chosen.has(n)));
            chosen.clear(); next.forEach(n => chosen.add(n));
            this.set(path, next, true);
          });
          return el('label', {}, box, col.name, el('span', { class: 'col-type' }, col.type));
        }) : el('div', { class: 'help' }, 'No suitable columns in the input.'));
      wrap.replaceChildren(el('div', { class: 'label' }, title,
        c.optional ? el('span', { class: 'col-type' }, ' none ticked = automatic') : ''), list, help || '');
      return;
    }
    const options = [];
    if (c.optional) options.push(el('option', { value: '' }, '(automatic)'));
    else if (!value) options.push(el('option', { value: '', disabled: true, selected: true }, 'Choose a column…'));
    for (const col of columns) options.push(el('option', { value: col.name, selected: col.name === value }, `${col.name}  (${col.type})`));
    if (value && !columns.some(col => col.name === value)) {
      options.push(el('option', { value, selected: true }, `${value} (not in the input)`));
    }
    const sel = el('select', { id, name: path.join('.') }, options);
    sel.addEventListener('change', () => this.set(path, sel.value, true));
    wrap.replaceChildren(label, sel, help || '');
  }

  /** New input specs from a validation: refresh the column pickers the user is not using right now. */
  updateSpecs(inputSpecs) {
    const before = JSON.stringify(this.inputSpecs);
    this.inputSpecs = inputSpecs || [];
    if (JSON.stringify(this.inputSpecs) === before) return;
    for (const cf of this.columnFields) {
      if (!cf.wrap.contains(document.activeElement)) this.renderColumnField(cf);
    }
  }
}

/** Enum constants as words: Z_SCORE → "Z score"; short acronyms (RBF) stay as they are. */
function pretty(v) {
  const s = String(v);
  if (s.length <= 4 && !s.includes('_')) return s;
  return s.replace(/_/g, ' ').toLowerCase().replace(/^./, c => c.toUpperCase());
}
