// Formatting and colour scales shared by the views. Scores are −1..+1 (see DyadState.score).

const MINUS = '\u2212';
/** Moves smaller than this are drawn as "flat". */
export const FLAT = 0.005;

/** +0.42 / −0.42 / 0.00 */
export function signed(value, digits = 2) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  const text = Math.abs(value).toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits);
  return (value > 0 ? '+' : MINUS) + text;
}

export function fixed(value, digits = 2) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return Number(value).toFixed(digits).replace('-', MINUS);
}

/** ▲ rising, ▼ falling, ▬ flat. */
export function arrow(delta) {
  if (delta > FLAT) return '\u25B2';
  if (delta < -FLAT) return '\u25BC';
  return '\u25AC';
}

export function trendWord(delta) {
  if (delta > FLAT) return 'rising';
  if (delta < -FLAT) return 'falling';
  return 'flat';
}

/** 2023-07-27 (UTC) from an ISO instant or date. */
export function date(iso) {
  if (!iso) return '–';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? String(iso) : new Date(t).toISOString().slice(0, 10);
}

/** 2023-07-27 14:02Z */
export function dateTime(iso) {
  if (!iso) return '–';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? String(iso) : new Date(t).toISOString().slice(0, 16).replace('T', ' ') + 'Z';
}

/** The date alone for a midnight event time (a day-precision event), else date and time. */
export function when(iso) {
  const t = Date.parse(iso || '');
  if (Number.isNaN(t)) return iso ? String(iso) : '–';
  return t % 86400000 === 0 ? date(iso) : dateTime(iso);
}

export function time(iso) {
  const t = Date.parse(iso || '');
  return Number.isNaN(t) ? null : t;
}

/** CHN-PRK → CHN–PRK for display (en dash). */
export function pretty(id) {
  return String(id).split('-').join('\u2013');
}

/** Sorted dyad id of two actors, as the analyzer keys them. */
export function dyadId(a, b) {
  return [a, b].sort().join('-');
}

/** The actors named by a dyad or triad id. */
export function actorsOf(subject) {
  return String(subject || '').split('-').filter((part) => /^[A-Z]{3}$/.test(part));
}

const NEG = [224, 122, 95];   // coral: cooling
const MID = [120, 130, 145];  // grey: neutral
const POS = [79, 159, 216];   // blue: warming

/** Diverging colour for a score: coral (−1) through grey (0) to blue (+1). */
export function scoreColour(score) {
  const v = Math.max(-1, Math.min(1, Number(score) || 0));
  const end = v < 0 ? NEG : POS;
  const k = Math.pow(Math.abs(v), 0.6);
  const c = MID.map((m, i) => Math.round(m + (end[i] - m) * k));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

export const SEVERITIES = ['info', 'warning', 'critical'];

export function severityRank(severity) {
  const i = SEVERITIES.indexOf(String(severity || '').toLowerCase());
  return i < 0 ? 0 : i;
}

/** Readable verdict of TriadState.zeroSum.verdict. */
export function verdictText(verdict) {
  switch (verdict) {
    case 'ZERO_SUM_EVIDENCE': return 'zero-sum evidence';
    case 'NO_ZERO_SUM_EVIDENCE': return 'no zero-sum evidence';
    case 'MIXED': return 'mixed zero-sum evidence';
    case 'INSUFFICIENT_DATA': return 'too few moves for a zero-sum verdict';
    default: return verdict ? String(verdict).toLowerCase().replaceAll('_', ' ') : 'no zero-sum reading';
  }
}

export function kindText(kind) {
  return kind ? String(kind).replaceAll('_', ' ').toLowerCase() : 'event';
}
