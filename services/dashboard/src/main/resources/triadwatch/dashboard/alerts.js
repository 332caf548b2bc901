// The alert feed: a store keyed by episode (fingerprint + episode), the SSE connection that feeds
// it (resuming with Last-Event-ID), and the list view, which updates items in place.
import { h, byId, replaceChildren } from './dom.js';
import * as f from './format.js';
import { paths } from './api.js';

/** Longest list drawn at once; the filters narrow it. */
const MAX_SHOWN = 300;
const MAX_BACKOFF_MS = 15000;

function keyOf(alert) {
  return `${alert.fingerprint}#${alert.episode ?? 0}`;
}

/** Does record a supersede record b of the same episode? RESOLVED ends it; else the later one. */
function supersedes(a, b) {
  if (a.status !== b.status) return a.status === 'RESOLVED';
  return (f.time(a.emittedAt) ?? 0) >= (f.time(b.emittedAt) ?? 0);
}

/** Newest first by event time, then fingerprint, then episode (newest first): as GET /api/alerts. */
function order(x, y) {
  const dt = (f.time(y.alert.occurredAt) ?? 0) - (f.time(x.alert.occurredAt) ?? 0);
  if (dt !== 0) return dt;
  if (x.alert.fingerprint !== y.alert.fingerprint) return x.alert.fingerprint < y.alert.fingerprint ? -1 : 1;
  return (y.alert.episode ?? 0) - (x.alert.episode ?? 0);
}

/** The latest record of every alert episode seen, from the snapshot and the stream. */
export class AlertStore {
  constructor() {
    this.entries = new Map();
  }

  /** Keeps alert if it is new or supersedes what is kept; returns whether anything changed. */
  put(alert, live) {
    if (!alert || !alert.fingerprint || !alert.status) return false;
    const key = keyOf(alert);
    const kept = this.entries.get(key);
    if (kept && !supersedes(alert, kept.alert)) return false;
    this.entries.set(key, { key, alert, live: live || (kept ? kept.live : false) });
    return true;
  }

  sorted() {
    return [...this.entries.values()].sort(order);
  }

  subjects() {
    return [...new Set([...this.entries.values()].map((e) => e.alert.subject))];
  }
}

/**
 * One EventSource on the alert stream. The browser reconnects by itself after a network error and
 * sends Last-Event-ID; when it gives up (an HTTP error, e.g. 503 at the stream cap or a restart),
 * this reconnects with backoff and resumes with ?lastEventId= from the last id received.
 */
export class AlertStream {
  constructor({ onAlert, onGap, onState }) {
    this.onAlert = onAlert;
    this.onGap = onGap;
    this.onState = onState;
    this.lastId = null;
    this.failures = 0;
    this.source = null;
  }

  start() {
    this.open();
  }

  open() {
    const url = this.lastId ? `${paths.stream}?lastEventId=${encodeURIComponent(this.lastId)}` : paths.stream;
    const source = new EventSource(url);
    this.source = source;
    this.onState('connecting');
    source.onopen = () => {
      this.failures = 0;
      this.onState('live');
    };
    source.addEventListener('alert', (e) => {
      if (e.lastEventId) this.lastId = e.lastEventId;
      let alert;
      try {
        alert = JSON.parse(e.data);
      } catch (err) {
        console.warn('alert stream: a record that is not JSON was skipped', err);
        return;
      }
      this.onAlert(alert);
    });
    source.addEventListener('gap', () => this.onGap());
    source.onerror = () => {
      if (source.readyState !== EventSource.CLOSED) {
        this.onState('down'); // the browser is reconnecting, with Last-Event-ID
        return;
      }
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.failures);
      this.failures += 1;
      this.onState('down', delay);
      setTimeout(() => this.open(), delay);
    };
  }
}

/** Where an alert links to: the fragment of its generatorURL, else the view of its subject. */
export function linkOf(alert) {
  const url = alert.generatorURL || '';
  const hash = url.indexOf('#');
  if (hash >= 0 && url.length > hash + 1) return url.slice(hash);
  return f.actorsOf(alert.subject).length === 3 ? `#/triad/${alert.subject}` : `#/dyad/${alert.subject}`;
}

function meta(a) {
  const parts = [`value ${f.fixed(a.value)}`];
  if (a.threshold !== undefined && a.threshold !== null) parts.push(`threshold ${f.fixed(a.threshold)}`);
  if (a.window) parts.push(`window ${a.window}`);
  parts.push(`episode ${a.episode ?? 1}`);
  if (a.startsAt) parts.push(`since ${f.date(a.startsAt)}`);
  if (a.endsAt) parts.push(`ended ${f.date(a.endsAt)}`);
  return parts.join(' \u00B7 ');
}

function evidence(a) {
  const events = a.triggeringEvents || [];
  const visits = a.baselineVisits || [];
  const context = a.context || [];
  if (!events.length && !visits.length && !context.length && !(a.summary && a.summary.length > 160)) return null;
  const what = [];
  if (events.length) what.push(`${events.length} event${events.length > 1 ? 's' : ''}`);
  if (visits.length) what.push(`${visits.length} baseline visit${visits.length > 1 ? 's' : ''}`);
  if (context.length) what.push('triad context');
  return h('details', { class: 'evidence' },
    h('summary', {}, what.length ? `why: ${what.join(', ')}` : 'full text'),
    a.summary && a.summary.length > 160 ? h('p', { class: 'full' }, a.summary) : null,
    a.severityReason ? h('p', { class: 'full muted' }, `severity: ${a.severityReason}`) : null,
    events.length ? h('ul', { class: 'events' }, events.map((e) => h('li', { title: e.eventId },
      h('time', { datetime: e.occurredAt }, f.date(e.occurredAt)), ' ',
      h('span', { class: 'kind' }, f.kindText(e.kind)), ' ',
      h('span', { class: 'num', style: `color:${f.scoreColour(Math.sign(e.contribution))}` }, f.signed(e.contribution)), ' ',
      e.summary || e.eventId))) : null,
    visits.length ? h('ul', { class: 'visits' }, visits.map((v) => h('li', { title: v.eventId },
      'baseline ', h('time', { datetime: v.occurredAt }, f.date(v.occurredAt)), ` ${v.head || ''}`,
      v.rankLabel ? ` (${v.rankLabel})` : '', ` weight ${f.fixed(v.weight)}`))) : null,
    context.length ? h('ul', { class: 'context' }, context.map((c) => h('li', {},
      h('a', { href: `#/triad/${c.triad}` }, f.pretty(c.triad)), `: ${c.balanced ? 'balanced' : 'unbalanced'}, `,
      f.verdictText(c.zeroSumVerdict), c.reading ? ` \u2014 ${c.reading}` : ''))) : null);
}

function alertItem(entry) {
  const a = entry.alert;
  const sev = String(a.severity || 'info').toLowerCase();
  const status = String(a.status);
  return h('li', {
    class: `alert sev-${sev} status-${status.toLowerCase()}${entry.live ? ' live' : ''}`,
    dataset: { fingerprint: a.fingerprint, episode: String(a.episode ?? ''), status, severity: sev, subject: a.subject },
  },
  h('div', { class: 'alert-head' },
    h('time', { datetime: a.occurredAt, title: `event time; emitted ${f.dateTime(a.emittedAt)}` }, f.when(a.occurredAt)),
    h('span', { class: `sev-badge sev-${sev}` }, sev),
    h('span', { class: 'status-badge' }, status),
    h('a', { class: 'subject', href: linkOf(a), title: `open ${a.subject}` }, f.pretty(a.subject)),
    h('span', { class: 'type' }, f.kindText(a.type))),
  h('p', { class: 'summary', title: a.summary || '' }, a.summary || `${a.type} on ${a.subject}`),
  h('p', { class: 'meta' }, meta(a)),
  a.severityReason ? h('p', { class: 'meta reason', title: a.severityReason }, a.severityReason) : null,
  evidence(a));
}

/** The list of alerts, filtered; an item is rebuilt only when its episode's record changed. */
export class FeedView {
  constructor(store, matches) {
    this.store = store;
    this.matches = matches;
    this.list = byId('feed-list');
    this.count = byId('feed-count');
    this.empty = byId('feed-empty');
    this.nodes = new Map();
    this.pending = false;
  }

  /** Renders on the next tick, so that a burst of records (the stream's replay) renders once. */
  schedule() {
    if (this.pending) return;
    this.pending = true;
    setTimeout(() => {
      this.pending = false;
      this.render();
    }, 30);
  }

  render() {
    const all = this.store.sorted();
    const shown = all.filter((e) => this.matches(e.alert));
    const nodes = shown.slice(0, MAX_SHOWN).map((entry) => {
      const kept = this.nodes.get(entry.key);
      if (kept && kept.alert === entry.alert) return kept.node;
      const node = alertItem(entry);
      const open = kept && kept.node.querySelector('details[open]');
      if (open && node.querySelector('details')) node.querySelector('details').open = true;
      this.nodes.set(entry.key, { alert: entry.alert, node });
      return node;
    });
    replaceChildren(this.list, nodes);
    const firing = all.filter((e) => e.alert.status === 'FIRING').length;
    const more = shown.length > MAX_SHOWN ? ` (newest ${MAX_SHOWN} drawn)` : '';
    this.count.textContent = `${firing} firing \u00B7 ${shown.length} of ${all.length} shown${more}`;
    this.empty.hidden = shown.length > 0;
  }
}
