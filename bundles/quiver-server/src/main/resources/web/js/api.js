// The REST API, as the page uses it. Every state-changing call carries X-Requested-With: the
// server refuses state changes without it, which is what stops other web pages from forging them.

async function call(method, path, body) {
  const headers = { 'X-Requested-With': 'quiver' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin' });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = { error: text }; }
  if (!res.ok) {
    const err = new Error((data && data.error) || `${method} ${path} failed with HTTP ${res.status}`);
    err.status = res.status;
    throw err;
  }
  return data;
}

const wf = name => name.split('/').map(encodeURIComponent).join('/');
const seg = encodeURIComponent;

export const api = {
  info: () => call('GET', '/api/info'),
  backends: () => call('GET', '/api/backends'),
  nodes: workflow => call('GET', `/api/nodes${workflow ? `?workflow=${seg(workflow)}` : ''}`),
  createComponent: (body, overwrite) => call('POST', `/api/components${overwrite ? '?overwrite=true' : ''}`, body),
  workflows: () => call('GET', '/api/workflows'),
  load: name => call('GET', `/api/workflows/${wf(name)}`),
  save: (name, doc, overwrite = true) => call('PUT', `/api/workflows/${wf(name)}${overwrite ? '' : '?overwrite=false'}`, doc),
  rename: (name, to) => call('POST', `/api/workflows/${wf(name)}/rename`, { to }),
  remove: name => call('DELETE', `/api/workflows/${wf(name)}`),
  examples: () => call('GET', '/api/examples'),
  openExample: name => call('POST', `/api/examples/${wf(name)}/open`, {}),
  newSession: () => call('POST', '/api/sessions', {}),
  session: id => call('GET', `/api/sessions/${seg(id)}`),
  update: (id, workflow, document) => call('PUT', `/api/sessions/${seg(id)}/workflow`, { workflow, document }),
  execute: (id, nodes) => call('POST', `/api/sessions/${seg(id)}/execute`, nodes ? { nodes } : {}),
  cancel: id => call('POST', `/api/sessions/${seg(id)}/cancel`, {}),
  outputs: (id, node) => call('GET', `/api/sessions/${seg(id)}/nodes/${seg(node)}/outputs`),
  table: (id, node, port, offset, limit, sort, desc) => call('GET',
    `/api/sessions/${seg(id)}/nodes/${seg(node)}/outputs/${seg(port)}/table?offset=${offset}&limit=${limit}`
    + (sort ? `&sort=${seg(sort)}&desc=${desc ? 'true' : 'false'}` : '')),
  events: id => new EventSource(`/api/sessions/${seg(id)}/events`),
};
