// Triadwatch dashboard: routes (#/, #/triad/ID, #/dyad/A-B), filters, and the wiring of the
// alert stream, the triad poll and the views. No framework and no network beyond this server.
import { h, byId, replaceChildren } from './dom.js';
import * as f from './format.js';
import { getJson, paths } from './api.js';
import { AlertStore, AlertStream, FeedView } from './alerts.js';
import { Triads, triadCard, legend } from './triads.js';
import { DyadView } from './dyad.js';

const TRIAD_POLL_MS = 5000;
const SNAPSHOT_LIMIT = 200;
const FILTERS_KEY = 'triadwatch.filters';
const LOADED_AT = Date.now();

const view = byId('view');
const filters = loadFilters();
const alerts = new AlertStore();
const feed = new FeedView(alerts, matchesAlert);
const triads = new Triads(triadsChanged);
let dyadView = null;
let overviewDrawn = '';

function loadFilters() {
  const defaults = { actor: '', triad: '', severity: '', resolved: true };
  try {
    return { ...defaults, ...JSON.parse(localStorage.getItem(FILTERS_KEY) || '{}') };
  } catch (ignored) {
    return defaults;
  }
}

function saveFilters() {
  try {
    localStorage.setItem(FILTERS_KEY, JSON.stringify(filters));
  } catch (ignored) {
    // private mode: filters last for this page only
  }
}

function matchesAlert(a) {
  if (f.severityRank(a.severity) < f.severityRank(filters.severity || 'info')) return false;
  if (!filters.resolved && a.status === 'RESOLVED') return false;
  const actors = f.actorsOf(a.subject);
  if (filters.actor && !actors.includes(filters.actor)) return false;
  if (filters.triad) {
    const t = triads.byId(filters.triad);
    const inTriad = a.subject === filters.triad
      || (t && actors.length === 2 && actors.every((x) => t.actors.includes(x)))
      || (a.context || []).some((c) => c.triad === filters.triad);
    if (!inTriad) return false;
  }
  return true;
}

function matchesTriad(t) {
  if (filters.actor && !t.actors.includes(filters.actor)) return false;
  return !filters.triad || t.triad === filters.triad;
}

function setOptions(select, values, selected, text = (v) => v) {
  const want = JSON.stringify([values, selected]);
  if (select.dataset.options === want) return;
  select.dataset.options = want;
  const keep = selected && !values.includes(selected) ? [selected] : [];
  replaceChildren(select, h('option', { value: '' }, 'all'),
    [...keep, ...values].map((v) => h('option', { value: v, selected: v === selected }, text(v))));
  select.value = selected;
}

function syncFilterControls() {
  const actors = [...new Set([...triads.actors(), ...alerts.subjects().flatMap(f.actorsOf)])].sort();
  setOptions(byId('filter-actor'), actors, filters.actor);
  setOptions(byId('filter-triad'), triads.items.map((t) => t.triad), filters.triad,
    (id) => { const t = triads.byId(id); return t && t.label ? `${id} \u2014 ${t.label}` : id; });
  byId('filter-severity').value = filters.severity;
  byId('filter-resolved').checked = filters.resolved;
}

function renderOverview(force) {
  const shown = triads.items.filter(matchesTriad);
  const drawn = JSON.stringify([shown, triads.error && String(triads.error), triads.loadedAt === null]);
  if (!force && drawn === overviewDrawn && view.querySelector('.overview')) return;
  overviewDrawn = drawn;
  let body;
  if (triads.loadedAt === null && !triads.error) {
    body = h('p', { class: 'muted' }, 'Loading triads\u2026');
  } else if (!triads.items.length) {
    body = h('p', { class: 'muted' }, triads.error ? 'Triads are unavailable; retrying.' : 'No triad state yet: the analyzer has not written any.');
  } else if (!shown.length) {
    body = h('p', { class: 'muted' }, 'No triad matches the filters.');
  } else {
    body = h('div', { class: 'grid' }, shown.map(triadCard));
  }
  replaceChildren(view, h('div', { class: 'overview' },
    h('div', { class: 'overview-head' }, h('h2', {}, 'Watched triads'), legend()),
    triads.error ? h('p', { class: 'error', role: 'alert' }, `Triads: ${triads.error.message}; retrying every ${TRIAD_POLL_MS / 1000} s.`) : null,
    body));
}

function triadsChanged() {
  const status = byId('triads-status');
  status.textContent = triads.error
    ? `triads: ${triads.error.message}`
    : `${triads.items.length} triads \u00B7 updated ${new Date(triads.loadedAt).toISOString().slice(11, 19)}Z`;
  status.classList.toggle('error-text', Boolean(triads.error));
  syncFilterControls();
  if (dyadView) dyadView.contextChanged();
  else renderOverview(false);
  feed.schedule();
}

function route() {
  const hash = decodeURIComponent(location.hash.replace(/^#\/?/, ''));
  const [kind, id] = hash.split('/');
  if (kind === 'dyad' && id) {
    view.setAttribute('aria-label', `Dyad ${id}`);
    dyadView = new DyadView(view, id.toUpperCase(), { triads, alerts });
    replaceChildren(view, h('p', { class: 'muted' }, `Loading ${f.pretty(id)}\u2026`));
    dyadView.refresh();
    document.title = `${f.pretty(id.toUpperCase())} \u2014 Triadwatch`;
    return;
  }
  dyadView = null;
  document.title = 'Triadwatch';
  view.setAttribute('aria-label', 'Overview');
  if (kind === 'triad' && id) {
    filters.triad = id.toUpperCase();
    saveFilters();
    syncFilterControls();
    feed.schedule();
  }
  renderOverview(true);
  window.scrollTo(0, 0);
}

function onFilterChange() {
  filters.actor = byId('filter-actor').value;
  filters.triad = byId('filter-triad').value;
  filters.severity = byId('filter-severity').value;
  filters.resolved = byId('filter-resolved').checked;
  saveFilters();
  feed.render();
  if (!dyadView) renderOverview(false);
}

function setConnection(state, retryMs) {
  byId('feed-banner').hidden = state !== 'down';
  byId('feed').classList.toggle('stale', state === 'down');
  const conn = byId('conn');
  conn.dataset.state = state;
  conn.className = `conn conn-${state}`;
  conn.textContent = state === 'live' ? 'alerts: live'
    : state === 'connecting' ? 'alerts: connecting\u2026'
      : `alerts: disconnected \u2014 reconnecting${retryMs ? ` in ${Math.round(retryMs / 1000)} s` : '\u2026'}`;
}

function onAlert(alert, live) {
  if (!alerts.put(alert, live)) return;
  feed.schedule();
  if (live) {
    triads.soon();
    if (dyadView && f.actorsOf(alert.subject).length === 2 && dyadView.dyad === alert.subject) dyadView.refresh();
  }
  if (dyadView) dyadView.contextChanged();
}

/** Records emitted since the page opened are news (highlighted); the stream's replay of older ones is not. */
function isNews(alert) {
  return (f.time(alert.emittedAt) ?? 0) >= LOADED_AT - 5000;
}

async function loadSnapshot() {
  try {
    const body = await getJson(paths.alerts(SNAPSHOT_LIMIT));
    (Array.isArray(body) ? body : body.items || []).forEach((a) => onAlert(a, false));
    syncFilterControls();
  } catch (e) {
    console.warn(`alerts snapshot unavailable: ${e.message}`);
  }
}

function start() {
  byId('filters').addEventListener('change', onFilterChange);
  byId('filters').addEventListener('submit', (e) => e.preventDefault());
  window.addEventListener('hashchange', route);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && dyadView) location.hash = '#/';
  });
  syncFilterControls();
  route();
  triads.start(TRIAD_POLL_MS);
  setInterval(() => { if (dyadView) dyadView.refresh(); }, TRIAD_POLL_MS * 2);
  loadSnapshot().finally(() => {
    new AlertStream({
      onAlert: (a) => onAlert(a, isNews(a)),
      onGap: loadSnapshot,
      onState: setConnection,
    }).start();
  });
}

start();
