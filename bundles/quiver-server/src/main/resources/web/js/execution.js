// Where a workflow's heavy work runs: the document's `execution` section ({backend, options, nodes}),
// edited in the workflow's inspector (backend and its options) and in a node's (its own "Run on").
// Every change goes through editor.editDoc, so it is one undoable edit like any other.
import { el } from './ui.js';

export const LOCAL = 'local';
const MASTER = 'master';
const MASTER_HINT = 'local[2], spark://host:7077, yarn, k8s://…';
const NEW_OPTION_ID = 'wf-option-new';

/** The section as the engine reads it: no section, or missing parts, mean local with nothing else. */
function executionOf(doc) {
  const ex = doc.execution || {};
  return { backend: ex.backend || LOCAL, options: { ...(ex.options || {}) }, nodes: { ...(ex.nodes || {}) } };
}

/**
 * Applies {@code change} to the document's execution section. Empty parts are left out, and a
 * workflow that runs everything locally has no section at all, so a file that never chose a
 * backend reads as before.
 */
export function editExecution(doc, change) {
  const ex = executionOf(doc);
  change(ex);
  const out = { backend: ex.backend };
  if (Object.keys(ex.options).length) out.options = ex.options;
  if (Object.keys(ex.nodes).length) out.nodes = ex.nodes;
  if (out.backend === LOCAL && !out.options && !out.nodes) delete doc.execution;
  else doc.execution = out;
}

/**
 * The choices of a backend select: the installed backends (local first, as the server lists them),
 * then {@code current} when it is not installed — a file from a machine with Spark keeps its choice
 * here, shown as such, instead of losing it on the next save.
 */
function backendOptions(installed, current) {
  const choices = installed.map(b => el('option', { value: b.id, title: b.description }, b.id));
  if (current && !installed.some(b => b.id === current)) {
    choices.push(el('option', { value: current, 'data-missing': 'true' }, `${current} (not installed)`));
  }
  return choices;
}

function describe(installed, id) {
  const b = installed.find(x => x.id === id);
  return b ? b.description
    : `'${id}' is not installed on this server: the file keeps it, but a run here fails. Install the feature '${id}', or choose another backend.`;
}

/**
 * The workflow inspector's "Execution" group: the backend select and, for a backend other than
 * local, its options as name/value rows (master first). {@code rerender} redraws the inspector,
 * since choosing a backend shows or hides the rows.
 */
export function executionFields(editor, rerender) {
  const installed = editor.backends;
  const ex = executionOf(editor.doc);
  const select = el('select', { id: 'wf-backend' }, ...backendOptions(installed, ex.backend));
  select.value = ex.backend;
  select.addEventListener('change', () => {
    const chosen = select.value;
    editor.editDoc(d => editExecution(d, x => {
      x.backend = chosen;
      // Options belong to a backend other than local; local has none, so they would only mislead.
      if (chosen === LOCAL) x.options = {};
    }), true);
    rerender('wf-backend');
  });
  const fields = [el('h3', {}, 'Execution'),
    el('div', { class: 'field' }, el('label', { for: 'wf-backend' }, 'Backend'), select,
      el('div', { class: 'help', id: 'wf-backend-help' }, `${describe(installed, ex.backend)} Search trials, `
        + 'cross-validation folds and batch scoring run here unless a node chooses otherwise ("Run on"); '
        + 'quiver run --backend overrides it for one run.'))];
  if (ex.backend !== LOCAL) fields.push(optionRows(editor, ex, rerender));
  return fields;
}

/** The backend's options, master first; an empty row at the end takes a new one. */
function optionRows(editor, ex, rerender) {
  const keys = Object.keys(ex.options).filter(k => k !== MASTER).sort();
  const rows = [MASTER, ...keys, ''].map((key, i) => optionRow(editor, key, ex.options[key] ?? '', i, rerender));
  return el('div', { class: 'field', id: 'wf-options' }, el('div', { class: 'label' }, 'Options'), ...rows,
    el('div', { class: 'help' }, 'master, and any spark.* property (spark.executor.memory = 2g). An option with no value is left out.'));
}

function optionRow(editor, key, value, i, rerender) {
  const isMaster = key === MASTER;
  const name = el('input', { type: 'text', id: key ? `wf-option-key-${i}` : NEW_OPTION_ID, value: key, 'aria-label': 'Option name',
    placeholder: 'spark.executor.memory', 'data-option-key': key, readonly: isMaster });
  const val = el('input', { type: 'text', id: isMaster ? 'wf-option-master' : `wf-option-value-${i}`, value,
    'aria-label': `Value of ${key || 'the new option'}`, placeholder: isMaster ? MASTER_HINT : 'value' });
  const problem = el('div', { class: 'invalid', hidden: true });
  const remove = el('button', { type: 'button', class: 'option-remove', title: `Remove ${key}`,
    'aria-label': `Remove ${key}`, hidden: !key || isMaster }, '×');
  const row = el('div', { class: 'option-row' }, name, val, remove);

  const commit = () => {
    const newKey = name.value.trim();
    const newValue = val.value.trim();
    const refuse = message => { problem.textContent = message; problem.hidden = false; name.classList.add('bad'); };
    problem.hidden = true;
    name.classList.remove('bad');
    // The empty row waits until it has a value: tabbing from its name to its value must not lose the name.
    if (!key && !newValue) return;
    if (!newKey && newValue) return refuse(`Name the option whose value is '${newValue}' (for example spark.executor.memory).`);
    if (/\s/.test(newKey)) return refuse(`Option names have no spaces: '${newKey}'. Write it as spark.executor.memory.`);
    if (newKey && newKey !== key && newKey in executionOf(editor.doc).options) {
      return refuse(`'${newKey}' is already set above. Change its value there, or name this option differently.`);
    }
    editor.editDoc(d => editExecution(d, x => {
      if (key) delete x.options[key];
      // An option without a value is left out rather than passed on empty.
      if (newKey && newValue) x.options[newKey] = newValue;
    }), true);
    // A new or renamed option moves to its place in the order, and a fresh empty row follows.
    if (newKey !== key) rerender(key ? null : NEW_OPTION_ID);
  };
  name.addEventListener('change', commit);
  val.addEventListener('change', commit);
  remove.addEventListener('click', () => {
    editor.editDoc(d => editExecution(d, x => { delete x.options[key]; }), true);
    rerender(null);
  });
  return el('div', { class: 'option' }, row, problem);
}

/**
 * A node's "Run on": the workflow's backend (no entry in execution.nodes) or one of its own. Only
 * nodes with heavy work use it; for the others it changes nothing.
 */
export function runOnField(editor, nodeId) {
  const installed = editor.backends;
  const ex = executionOf(editor.doc);
  const own = ex.nodes[nodeId] || '';
  const workflowDefault = installed.some(b => b.id === ex.backend) ? ex.backend : `${ex.backend} (not installed)`;
  const select = el('select', { id: 'node-run-on' },
    el('option', { value: '' }, `Workflow default (${workflowDefault})`), ...backendOptions(installed, own));
  select.value = own;
  select.addEventListener('change', () => {
    const chosen = select.value;
    editor.editDoc(d => editExecution(d, x => {
      if (chosen) x.nodes[nodeId] = chosen;
      else delete x.nodes[nodeId];
    }), true);
  });
  return el('div', { class: 'field' }, el('label', { for: 'node-run-on' }, 'Run on'), select,
    el('div', { class: 'help' }, own && !installed.some(b => b.id === own) ? describe(installed, own)
      : 'Where this node\'s search trials, folds or batch scoring run, if it has any.'));
}
