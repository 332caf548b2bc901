// The history chart of one dyad: its score after each event (−1..+1) over event time, one marker
// per event sized by how far it moved the score; hovering or focusing a marker explains it.
import { h, s } from './dom.js';
import * as f from './format.js';

const W = 960;
const H = 300;
const M = { l: 46, r: 18, t: 14, b: 34 };
const DAY = 86400000;
const YEAR = 365.25 * DAY;
const LONG_GAP = 3 * YEAR;

function timeTicks(t0, t1) {
  const span = t1 - t0;
  const ticks = [];
  if (span > 2 * YEAR) {
    const step = [1, 2, 5, 10, 20, 50].find((n) => span / (n * YEAR) <= 8) || 100;
    const first = new Date(t0).getUTCFullYear();
    for (let y = Math.ceil(first / step) * step; Date.UTC(y, 0, 1) <= t1; y += step) {
      const t = Date.UTC(y, 0, 1);
      if (t >= t0) ticks.push([t, String(y)]);
    }
  } else {
    const step = [1, 2, 3, 6].find((n) => span / (n * 30.4 * DAY) <= 8) || 12;
    const d = new Date(t0);
    for (let y = d.getUTCFullYear(), m = d.getUTCMonth() + 1; Date.UTC(y, m, 1) <= t1; m += 1) {
      const t = Date.UTC(y, m, 1);
      const month = new Date(t).getUTCMonth();
      if (month % step === 0) ticks.push([t, new Date(t).toISOString().slice(0, 7)]);
    }
  }
  return ticks;
}

function explain(p, contribution) {
  const lines = [`${f.date(p.at)} \u00B7 ${f.kindText(p.kind)}`];
  if (p.summary) lines.push(p.summary);
  lines.push(`moved the score ${f.signed(p.delta)} to ${f.signed(p.score)}`);
  if (contribution) {
    lines.push(`contribution: impulse ${f.signed(contribution.impulse)}, decayed weight now ${f.signed(contribution.weight)}`);
  }
  lines.push(`event ${p.eventId || '?'}`);
  return lines;
}

/**
 * @param points        [{at, t, score, delta, eventId, kind, summary}] sorted by t
 * @param options.contributions Map eventId → Contribution (the current state's), for impulses
 * @param options.byOrder       true: one slot per event instead of a time axis
 * @param options.label         accessible name of the chart
 */
export function historyChart(points, { contributions = new Map(), byOrder = false, label = 'score history' } = {}) {
  if (!points.length) return h('p', { class: 'muted empty' }, 'No events in this range.');
  const n = points.length;
  let t0 = points[0].t;
  let t1 = points[n - 1].t;
  if (t1 - t0 < DAY) {
    t0 -= 15 * DAY;
    t1 += 15 * DAY;
  }
  const pad = (t1 - t0) * 0.02;
  const xOf = byOrder
    ? (i) => M.l + ((i + 0.5) / n) * (W - M.l - M.r)
    : (i) => M.l + ((points[i].t - (t0 - pad)) / (t1 - t0 + 2 * pad)) * (W - M.l - M.r);
  const xAt = (t) => M.l + ((t - (t0 - pad)) / (t1 - t0 + 2 * pad)) * (W - M.l - M.r);
  const yOf = (v) => M.t + ((1 - Math.max(-1, Math.min(1, v))) / 2) * (H - M.t - M.b);

  const grid = [-1, -0.5, 0, 0.5, 1].map((v) => s('g', { class: v === 0 ? 'grid zero' : 'grid' },
    s('line', { x1: M.l, x2: W - M.r, y1: yOf(v), y2: yOf(v) }),
    s('text', { x: M.l - 6, y: yOf(v) + 4, 'text-anchor': 'end' }, f.signed(v, 1))));

  let xTicks;
  if (byOrder) {
    const every = Math.max(1, Math.ceil(n / 8));
    xTicks = points.map((p, i) => [i, p]).filter(([i]) => i % every === 0)
      .map(([i, p]) => s('text', { class: 'tick', x: xOf(i), y: H - M.b + 18, 'text-anchor': 'middle' }, f.date(p.at)));
  } else {
    xTicks = timeTicks(t0 - pad, t1 + pad).map(([t, text]) => s('g', { class: 'tick' },
      s('line', { x1: xAt(t), x2: xAt(t), y1: M.t, y2: H - M.b }),
      s('text', { x: xAt(t), y: H - M.b + 18, 'text-anchor': 'middle' }, text)));
  }

  // Between events the score decays toward 0; the chart does not draw that curve. Long silences
  // (over LONG_GAP) are drawn dashed so that a straight line is not read as a trend.
  const solid = [];
  const dashed = [];
  points.forEach((p, i) => {
    const at = `${xOf(i).toFixed(1)},${yOf(p.score).toFixed(1)}`;
    if (i === 0) {
      solid.push(`M${at}`);
      return;
    }
    const from = `${xOf(i - 1).toFixed(1)},${yOf(points[i - 1].score).toFixed(1)}`;
    if (p.t - points[i - 1].t > LONG_GAP) {
      dashed.push(`M${from} L${at}`);
      solid.push(`M${at}`);
    } else {
      solid.push(`L${at}`);
    }
  });
  const tip = h('div', { class: 'tip', hidden: true, role: 'tooltip' });
  const wrap = h('div', { class: 'chart' });

  const show = (marker, lines) => {
    tip.replaceChildren(...lines.map((line, i) => h(i === 0 ? 'strong' : 'div', {}, line)));
    tip.hidden = false;
    const box = wrap.getBoundingClientRect();
    const m = marker.getBoundingClientRect();
    const left = Math.min(box.width - 330, Math.max(0, m.left - box.left + m.width / 2 - 160));
    tip.style.left = `${left}px`;
    tip.style.top = `${m.bottom - box.top + 8}px`;
  };
  const hide = () => {
    tip.hidden = true;
  };

  const markers = points.map((p, i) => {
    const lines = explain(p, contributions.get(p.eventId));
    const r = 3.5 + Math.min(6, Math.abs(p.delta) * 30);
    const colour = p.delta > f.FLAT ? f.scoreColour(1) : p.delta < -f.FLAT ? f.scoreColour(-1) : f.scoreColour(0);
    const g = s('g', {
      class: 'marker', tabindex: 0, 'data-event-id': p.eventId || '', 'data-kind': p.kind || '',
      'aria-label': lines.join('. '),
    },
    s('circle', { cx: xOf(i), cy: yOf(p.score), r: r.toFixed(1), fill: colour }));
    g.addEventListener('mouseenter', () => show(g, lines));
    g.addEventListener('focus', () => show(g, lines));
    g.addEventListener('mouseleave', hide);
    g.addEventListener('blur', hide);
    return g;
  });

  const svg = s('svg', { class: 'history-chart', viewBox: `0 0 ${W} ${H}`, role: 'group', 'aria-label': label },
    grid, xTicks,
    s('path', { class: 'score-line', d: solid.join(' ') }),
    dashed.length ? s('path', { class: 'score-line gap', d: dashed.join(' ') }) : null,
    markers);
  wrap.append(svg, tip);
  return wrap;
}
