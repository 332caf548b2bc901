// The view of one dyad (#/dyad/CHN-PRK): its score, the history chart with the events that moved
// it, the contributions that make up the score now, and its alerts.
import { h, replaceChildren } from './dom.js';
import * as f from './format.js';
import { getJson, paths } from './api.js';
import { historyChart } from './chart.js';
import { linkOf } from './alerts.js';

const YEAR_MS = 365.25 * 86400000;
const RANGES = [['all', 'all', null], ['10y', '10 y', 10], ['3y', '3 y', 3], ['1y', '1 y', 1]];

/** History answers: a bare array or an object holding the points; each point as the analyzer writes it. */
export function historyPoints(body) {
  const raw = Array.isArray(body) ? body : (body && (body.points || body.items || body.history)) || [];
  return raw.map((p) => {
    const at = p.at || p.occurredAt || p.asOf;
    return {
      at, t: f.time(at), score: Number(p.score), delta: Number(p.delta ?? 0),
      eventId: p.eventId, kind: p.kind, summary: p.summary,
    };
  }).filter((p) => p.t !== null && Number.isFinite(p.score)).sort((a, b) => a.t - b.t);
}

function errorText(what, e) {
  if (e && e.status === 404) return `No ${what} yet: the analyzer has not seen an event for this pair.`;
  return `${what} unavailable (${e && e.message ? e.message : e}); retrying.`;
}

export class DyadView {
  /**
   * @param container where to draw
   * @param dyad      dyad id as routed, e.g. CHN-PRK (either order is accepted)
   * @param context   {triads: Triads, alerts: AlertStore}
   */
  constructor(container, dyad, context) {
    const actors = f.actorsOf(dyad);
    this.valid = actors.length === 2 && /^[A-Z]{3}-[A-Z]{3}$/.test(dyad);
    this.dyad = this.valid ? f.dyadId(actors[0], actors[1]) : dyad;
    this.actors = this.valid ? this.dyad.split('-') : [];
    this.container = container;
    this.context = context;
    this.range = null; // chosen from the data on first load, then the user's
    this.byOrder = false;
    this.state = null;
    this.points = [];
    this.errors = {};
    this.fingerprint = '';
    this.chartBox = h('div', { class: 'chart-box' });
    this.alertBox = h('ul', { class: 'dyad-alerts' });
  }

  async refresh() {
    if (!this.valid) {
      replaceChildren(this.container, h('p', { class: 'error' }, `"${this.dyad}" is not a dyad id (two ISO alpha-3 codes, e.g. CHN-PRK).`),
        h('a', { href: '#/' }, '\u2190 overview'));
      return;
    }
    const [a, b] = this.actors;
    const [state, history] = await Promise.allSettled([getJson(paths.dyad(a, b)), getJson(paths.history(a, b))]);
    this.state = state.status === 'fulfilled' ? state.value : this.state;
    this.points = history.status === 'fulfilled' ? historyPoints(history.value) : this.points;
    this.errors = {
      state: state.status === 'rejected' ? state.reason : null,
      history: history.status === 'rejected' ? history.reason : null,
    };
    const fingerprint = JSON.stringify([this.state, this.points.length, this.points.at(-1), Object.values(this.errors).map(String)]);
    if (fingerprint !== this.fingerprint || !this.container.firstChild) {
      this.fingerprint = fingerprint;
      this.render();
    }
  }

  /** Redraws the parts that depend on the triads or alerts, not the chart. */
  contextChanged() {
    if (!this.valid || !this.container.querySelector('.dyad-view')) return;
    replaceChildren(this.container.querySelector('.crumbs'), this.crumbs());
    replaceChildren(this.alertBox, this.alertItems());
  }

  crumbs() {
    const triads = this.context.triads.containing(this.dyad);
    return [h('a', { href: '#/' }, '\u2190 overview'),
      triads.length ? [' \u00B7 in ', triads.map((t, i) => [i ? ', ' : '', h('a', { href: `#/triad/${t.triad}` }, t.label || t.triad)])] : null];
  }

  alertItems() {
    const mine = this.context.alerts.sorted().filter((e) => e.alert.subject === this.dyad).slice(0, 12);
    if (!mine.length) return [h('li', { class: 'muted' }, 'No alerts on this dyad.')];
    return mine.map(({ alert: a }) => h('li', { class: `sev-${String(a.severity).toLowerCase()}` },
      h('span', { class: `sev-badge sev-${String(a.severity).toLowerCase()}` }, a.severity), ' ',
      h('span', { class: 'status-badge' }, a.status), ' ',
      h('time', { datetime: a.occurredAt }, f.date(a.occurredAt)), ' ',
      h('a', { href: linkOf(a), title: a.summary || '' }, a.summary || a.fingerprint)));
  }

  render() {
    this.chooseRange();
    const st = this.state;
    const head = h('header', { class: 'dyad-head' },
      h('h2', {}, f.pretty(this.dyad)),
      st ? h('span', { class: 'score-big', style: `color:${f.scoreColour(st.score)}`, title: 'score, −1..+1' },
        `${f.signed(st.score)} ${f.arrow(st.delta)}`) : null,
      st ? h('span', { class: 'muted' }, `last move ${f.signed(st.delta)} (from ${f.signed(st.previousScore)}) on ${f.date(st.asOf)}`) : null);
    replaceChildren(this.container, h('div', { class: 'dyad-view', 'data-dyad': this.dyad },
      h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumbs' }, this.crumbs()),
      head,
      this.errors.state ? h('p', { class: 'error' }, errorText('state', this.errors.state)) : null,
      st ? this.facts(st) : null,
      h('section', { class: 'panel', 'aria-labelledby': 'history-title' },
        h('div', { class: 'panel-head' }, h('h3', { id: 'history-title' }, 'Score history'), this.controls()),
        this.errors.history ? h('p', { class: 'error' }, errorText('history', this.errors.history)) : null,
        this.chartBox),
      h('div', { class: 'columns' },
        h('section', { class: 'panel', 'aria-labelledby': 'contrib-title' },
          h('h3', { id: 'contrib-title' }, 'Current contributions'), this.contributions(st)),
        h('section', { class: 'panel', 'aria-labelledby': 'dyad-alerts-title' },
          h('h3', { id: 'dyad-alerts-title' }, 'Alerts on this dyad'), this.alertBox))));
    replaceChildren(this.alertBox, this.alertItems());
    this.drawChart();
  }

  controls() {
    const button = (text, pressed, onclick) => h('button', { type: 'button', 'aria-pressed': String(pressed), onclick }, text);
    return h('div', { class: 'controls', role: 'group', 'aria-label': 'Chart range and axis' },
      RANGES.map(([id, text]) => button(text, this.range === id, () => { this.range = id; this.rerenderControls(); })),
      h('span', { class: 'sep' }),
      button('time axis', !this.byOrder, () => { this.byOrder = false; this.rerenderControls(); }),
      button('event order', this.byOrder, () => { this.byOrder = true; this.rerenderControls(); }));
  }

  rerenderControls() {
    const old = this.container.querySelector('.controls');
    if (old) old.replaceWith(this.controls());
    this.drawChart();
  }

  /** A readable default: the last 10 years when the history is long and most events are recent. */
  chooseRange() {
    if (this.range || !this.points.length) return;
    const first = this.points[0].t;
    const last = this.points[this.points.length - 1].t;
    const recent = this.points.filter((p) => p.t >= last - 10 * YEAR_MS).length;
    this.range = last - first > 15 * YEAR_MS && recent >= Math.max(3, this.points.length / 2) ? '10y' : 'all';
  }

  drawChart() {
    this.chooseRange();
    const range = this.range || 'all';
    const years = RANGES.find(([id]) => id === range)[2];
    const last = this.points.length ? this.points[this.points.length - 1].t : 0;
    const points = years ? this.points.filter((p) => p.t >= last - years * YEAR_MS) : this.points;
    const contributions = new Map((this.state?.contributions || []).map((c) => [c.eventId, c]));
    replaceChildren(this.chartBox,
      historyChart(points, { contributions, byOrder: this.byOrder, label: `${f.pretty(this.dyad)} score history, ${points.length} events` }),
      h('p', { class: 'muted small' }, `${points.length} of ${this.points.length} events${points.length < this.points.length ? ' (older ones: choose "all")' : ''}`
        + ' \u00B7 each point is the score after an event (between events it decays toward 0; dashed: over 3 years without an event)'
        + ' \u00B7 marker size: how far the event moved the score \u00B7 hover or focus a marker for the event.'));
  }

  facts(st) {
    const row = (term, ...value) => [h('dt', {}, term), h('dd', {}, ...value)];
    const b = st.baseline;
    const r = st.rankSignal;
    const v = st.voting;
    return h('dl', { class: 'facts wide' },
      row('events', String(st.eventCount ?? '–'), st.lastEventId ? h('span', { class: 'muted mono' }, ` \u00B7 last ${st.lastEventId}`) : null),
      row('trigger', f.kindText(st.lastTrigger || st.lastEventKind)),
      b ? row('against its history', b.zScore !== undefined && b.zScore !== null ? `z ${f.fixed(b.zScore, 1)}` : 'z –',
        b.percentile !== undefined && b.percentile !== null ? `, percentile ${f.fixed(b.percentile, 0)}` : '',
        ` of ${b.count} earlier moves (mean |\u0394| ${f.fixed(b.mean, 3)} \u00B1 ${f.fixed(b.stddev, 3)})`) : null,
      r ? row('delegation rank', `${r.head || '?'}${r.rankLabel ? ` (${r.rankLabel})` : ''}, weight ${f.fixed(r.weight)}`,
        r.baselineWeight !== undefined && r.baselineWeight !== null ? ` vs baseline ${f.fixed(r.baselineWeight)} (gap ${f.signed(r.gap)})` : '',
        ` \u2014 ${String(r.direction || '').replaceAll('_', ' ').toLowerCase()}`, r.series ? h('span', { class: 'muted mono' }, ` ${r.series}`) : null) : null,
      r && r.baselineVisits && r.baselineVisits.length ? row('baseline visits', r.baselineVisits.map((x, i) =>
        [i ? '; ' : '', `${f.date(x.occurredAt)} ${x.head || ''}${x.rankLabel ? ` (${x.rankLabel})` : ''} ${f.fixed(x.weight)}`])) : null,
      v ? row('UN votes', `together on ${v.together} of ${v.total} drafts`, v.lastDraft ? `; last ${v.lastDraft}: ${v.agreedLast ? 'agreed' : 'split'}` : '') : null);
  }

  contributions(st) {
    const list = st?.contributions || [];
    if (!list.length) return h('p', { class: 'muted' }, 'No contributions yet.');
    const max = Math.max(...list.map((c) => Math.abs(c.weight)), 1e-9);
    return h('table', { class: 'contributions' },
      h('caption', { class: 'visually-hidden' }, `Events making up the ${f.pretty(this.dyad)} score, newest first`),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'date'), h('th', { scope: 'col' }, 'kind'), h('th', { scope: 'col' }, 'event'),
        h('th', { scope: 'col', class: 'num' }, 'impulse'), h('th', { scope: 'col', class: 'num' }, 'weight now'),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'share')))),
      h('tbody', {}, list.map((c) => h('tr', { 'data-event-id': c.eventId },
        h('td', { class: 'mono' }, f.date(c.occurredAt)),
        h('td', { class: 'kind' }, f.kindText(c.kind)),
        h('td', { title: `${c.eventId}${c.summary ? '\n' + c.summary : ''}` }, h('span', { class: 'clamp' }, c.summary || c.eventId)),
        h('td', { class: 'num' }, f.signed(c.impulse)),
        h('td', { class: 'num' }, f.signed(c.weight)),
        h('td', { class: 'bar' }, h('i', { style: `width:${Math.round((Math.abs(c.weight) / max) * 100)}%;background:${f.scoreColour(Math.sign(c.weight))}` }))))));
  }
}
