// Watched triads: polling GET /api/triads and drawing each as an SVG triangle whose edges are
// the dyads, coloured and labelled by score and trend; an edge links to that dyad's view.
import { h, s } from './dom.js';
import * as f from './format.js';
import { getList, paths } from './api.js';

/** Polls the triads; onUpdate runs after every attempt, successful or not. */
export class Triads {
  constructor(onUpdate) {
    this.onUpdate = onUpdate;
    this.items = [];
    this.error = null;
    this.loadedAt = null;
    this.inFlight = false;
    this.again = false;
    this.timer = null;
  }

  start(intervalMs) {
    this.refresh();
    setInterval(() => this.refresh(), intervalMs);
  }

  /** Refreshes soon, once for a burst of calls (e.g. an alert replay). */
  soon() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 400);
  }

  async refresh() {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    try {
      const items = await getList(paths.triads);
      this.items = items.filter((t) => t && t.triad && Array.isArray(t.actors))
        .sort((a, b) => (a.triad < b.triad ? -1 : 1));
      this.error = null;
      this.loadedAt = Date.now();
    } catch (e) {
      this.error = e;
    } finally {
      this.inFlight = false;
    }
    this.onUpdate();
    if (this.again) {
      this.again = false;
      this.refresh();
    }
  }

  byId(id) {
    return this.items.find((t) => t.triad === id) || null;
  }

  actors() {
    return [...new Set(this.items.flatMap((t) => t.actors))].sort();
  }

  /** The triads that contain both actors of dyad. */
  containing(dyad) {
    const [a, b] = f.actorsOf(dyad);
    return this.items.filter((t) => t.actors.includes(a) && t.actors.includes(b));
  }
}

const VIEW_W = 300;
const VIEW_H = 250;
const CORNERS = [[150, 46], [46, 206], [254, 206]];
const CENTROID = [150, 153];
const NODE_R = 19;

/** Pivot at the top corner, the other two in id order. */
function cornerActors(t) {
  const rest = t.actors.filter((a) => a !== t.pivot).sort();
  return t.pivot && t.actors.includes(t.pivot) ? [t.pivot, ...rest] : [...t.actors].sort();
}

function edge(t, a, b, p, q) {
  const id = f.dyadId(a, b);
  const d = (t.dyads || []).find((x) => x.dyad === id);
  const score = d ? Number(d.score) : 0;
  const delta = d ? Number(d.delta) : 0;
  const moved = d && d.asOf;
  const colour = f.scoreColour(score);
  const mid = [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
  const out = [mid[0] - CENTROID[0], mid[1] - CENTROID[1]];
  const len = Math.hypot(out[0], out[1]) || 1;
  const at = [mid[0] + (out[0] / len) * 17, mid[1] + (out[1] / len) * 15 + 4];
  const label = moved ? `${f.signed(score)} ${f.arrow(delta)}` : 'no data';
  const words = moved
    ? `${f.pretty(id)}: score ${f.signed(score)}, ${f.trendWord(delta)} (last move ${f.signed(delta)} on ${f.date(d.asOf)})`
    : `${f.pretty(id)}: no event yet`;
  return s('a', { href: `#/dyad/${id}`, class: `edge${moved ? '' : ' edge-empty'}`, 'data-dyad': id, 'aria-label': `${words}. Open its history.` },
    s('title', {}, words),
    s('line', { class: 'edge-hit', x1: p[0], y1: p[1], x2: q[0], y2: q[1] }),
    s('line', {
      class: 'edge-line', x1: p[0], y1: p[1], x2: q[0], y2: q[1], stroke: colour,
      'stroke-width': (2 + 6 * Math.min(1, Math.abs(score))).toFixed(1),
      'stroke-dasharray': moved ? null : '5 5',
    }),
    s('rect', { class: 'edge-label-bg', x: at[0] - 37, y: at[1] - 14, width: 74, height: 20, rx: 3 }),
    s('text', { class: 'edge-label', x: at[0], y: at[1], fill: colour, 'text-anchor': 'middle' }, label));
}

function node(actor, corner, isPivot) {
  const [x, y] = corner;
  return s('g', { class: `node${isPivot ? ' pivot' : ''}`, 'data-actor': actor },
    isPivot ? s('circle', { class: 'pivot-ring', cx: x, cy: y, r: NODE_R + 5 }) : null,
    s('circle', { cx: x, cy: y, r: NODE_R }),
    s('text', { x, y: y + 4.5, 'text-anchor': 'middle' }, actor),
    isPivot ? s('text', { class: 'pivot-label', x, y: y - NODE_R - 10, 'text-anchor': 'middle' }, 'pivot') : null);
}

/** The SVG triangle of a triad state. */
export function triangle(t) {
  const actors = cornerActors(t);
  const pairs = [[0, 1], [0, 2], [1, 2]];
  return s('svg', {
    class: 'triangle', viewBox: `0 0 ${VIEW_W} ${VIEW_H}`, role: 'group',
    'aria-label': `${t.label || t.triad}: ${t.balanced ? 'balanced' : 'unbalanced'}`,
  },
  pairs.map(([i, j]) => edge(t, actors[i], actors[j], CORNERS[i], CORNERS[j])),
  actors.map((a, i) => node(a, CORNERS[i], a === t.pivot)));
}

function zeroSum(z) {
  if (!z) return 'no zero-sum reading yet';
  const ratio = z.ratio === null || z.ratio === undefined ? '' : ` (ratio ${f.fixed(z.ratio)})`;
  return `${z.opposing} opposing / ${z.aligned} aligned pairs${ratio}, ${z.moves} moves in ${z.window}`;
}

/** One triad card: the triangle and its balance, pivot and zero-sum verdict. */
export function triadCard(t) {
  const titleId = `triad-${t.triad}`;
  const signs = (t.signClass || '').split('').join(' ');
  return h('article', { class: 'card triad', 'data-triad': t.triad, 'aria-labelledby': titleId },
    h('header', { class: 'card-head' },
      h('h3', { id: titleId }, h('a', { href: `#/triad/${t.triad}`, title: 'show only this triad' }, t.label || f.pretty(t.triad))),
      h('span', { class: 'muted mono' }, t.triad)),
    triangle(t),
    h('div', { class: 'badges' },
      h('span', { class: `badge ${t.balanced ? 'balanced' : 'unbalanced'}`, title: `sign class ${t.signClass}, product ${f.fixed(t.product, 3)}` },
        t.balanced ? 'balanced' : 'unbalanced', signs ? ` ${signs}` : ''),
      h('span', { class: `badge verdict v-${String(t.zeroSum?.verdict || 'none').toLowerCase()}` }, f.verdictText(t.zeroSum?.verdict))),
    h('dl', { class: 'facts' },
      h('dt', {}, 'pivot'), h('dd', {}, t.pivot ? `${t.pivot} (${t.pivotConfigured ? 'configured' : 'computed'}), asymmetry ${f.fixed(t.pivotAsymmetry)}` : 'none'),
      h('dt', {}, 'zero-sum'), h('dd', {}, zeroSum(t.zeroSum)),
      h('dt', {}, 'last move'), h('dd', {}, t.lastDyad
        ? [h('a', { href: `#/dyad/${t.lastDyad}` }, f.pretty(t.lastDyad)), ` on ${f.date(t.asOf)}`]
        : 'none yet')));
}

export function legend() {
  const stops = [-1, -0.5, 0, 0.5, 1];
  return h('div', { class: 'legend', 'aria-label': 'Legend' },
    h('span', { class: 'muted' }, 'edge colour and width: dyad score'),
    stops.map((v) => h('span', { class: 'swatch' }, h('i', { style: `background:${f.scoreColour(v)}` }), f.signed(v, 1))),
    h('span', { class: 'muted' }, '\u25B2 rising \u25BC falling \u25AC flat (last move) \u00B7 ringed node: pivot \u00B7 dashed: no event yet \u00B7 click an edge for its history'));
}
