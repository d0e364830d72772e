// newsgraph page. Every piece of article text goes into the DOM through
// textContent or text nodes (never innerHTML), so an article containing
// markup or <script> shows as text.
'use strict';

const EVENT_TYPES = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT',
  'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'];
const PALETTE = ['#1f5fbf', '#c2410c', '#15803d', '#9333ea', '#b91c1c', '#0e7490', '#a16207',
  '#be185d', '#4d7c0f', '#6d28d9', '#0f766e', '#92400e'];
const VIEWS = ['read', 'timeline', 'network', 'positions', 'quotes', 'articles'];

const $ = (id) => document.getElementById(id);

/** Creates an element: el('li', {class: 'x', onclick: f}, 'text', child). */
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'color') e.style.setProperty('--c', v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

function status(msg, isError) {
  const s = $('status');
  s.textContent = msg || '';
  s.classList.toggle('error', !!isError);
}

function headers(extra) {
  const h = Object.assign({}, extra);
  const token = sessionStorage.getItem('newsgraph-token');
  if (token) h.Authorization = 'Bearer ' + token;
  return h;
}

/** Fetches JSON; throws an Error with the API's message on failure. */
async function api(path, opts) {
  const res = await fetch(path, opts);
  const ct = res.headers.get('content-type') || '';
  const body = ct.startsWith('application/json') ? await res.json() : null;
  if (!res.ok) {
    const msg = body && body.message ? body.message : res.status + ' ' + res.statusText;
    throw new Error(msg);
  }
  return body;
}

function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) u.set(k, v);
  const s = u.toString();
  return s ? '?' + s : '';
}

/** Code-point slice of a string (the readout's offsets are code points). */
function cpSlice(cps, start, end) { return cps.slice(start, end).join(''); }

/** A sentence with one span inside it marked. */
function markedSentence(sentence, span) {
  const p = el('p', {class: 'sentence'});
  if (!sentence) { p.append(el('mark', {}, span.text)); return p; }
  const cps = Array.from(sentence.text);
  const s = Math.max(0, span.start - sentence.start);
  const e = Math.min(cps.length, span.end - sentence.start);
  if (s >= e) { p.append(sentence.text); return p; }
  p.append(cpSlice(cps, 0, s), el('mark', {}, cpSlice(cps, s, e)), cpSlice(cps, e, cps.length));
  return p;
}

function articleLink(id, label) {
  return el('a', {href: '#article=' + encodeURIComponent(id)}, label || 'Open article');
}

function safeUrl(u) {
  return typeof u === 'string' && /^https?:\/\//i.test(u) ? u : null;
}

// ---------------------------------------------------------------- tabs

function showView(name, focusTab) {
  if (!VIEWS.includes(name)) name = 'read';
  for (const v of VIEWS) {
    const tab = $('tab-' + v);
    const on = v === name;
    tab.setAttribute('aria-selected', on ? 'true' : 'false');
    tab.tabIndex = on ? 0 : -1;
    $('view-' + v).hidden = !on;
    if (on && focusTab) tab.focus();
  }
  const loaders = {timeline: loadTimeline, network: loadGraph, positions: loadPositions,
    quotes: loadQuotes, articles: loadArticles};
  if (loaders[name]) loaders[name]();
}

function route() {
  const h = decodeURIComponent(location.hash.slice(1));
  if (h.startsWith('article=')) { showView('read'); openArticle(h.slice(8)); return; }
  if (h.startsWith('timeline=')) { $('tl-actor').value = h.slice(9); showView('timeline'); return; }
  showView(h || 'read');
}

function setupTabs() {
  const tabs = $('tabs');
  tabs.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-view]');
    if (b) location.hash = b.dataset.view;
  });
  tabs.addEventListener('keydown', (e) => {
    const i = VIEWS.indexOf(document.activeElement.dataset.view);
    if (i < 0) return;
    let j = null;
    if (e.key === 'ArrowRight') j = (i + 1) % VIEWS.length;
    if (e.key === 'ArrowLeft') j = (i + VIEWS.length - 1) % VIEWS.length;
    if (e.key === 'Home') j = 0;
    if (e.key === 'End') j = VIEWS.length - 1;
    if (j == null) return;
    e.preventDefault();
    location.hash = VIEWS[j];
    $('tab-' + VIEWS[j]).focus();
  });
  window.addEventListener('hashchange', route);
}

// ---------------------------------------------------------------- reader

let current = null; // {text, readout, colours, names}

async function submitExtract(e) {
  e.preventDefault();
  const text = $('in-text').value;
  if (!text.trim()) { status('Paste an article first.', true); $('in-text').focus(); return; }
  const body = {title: $('in-title').value || null, published: $('in-published').value || null,
    url: $('in-url').value || null};
  body[$('in-format').value === 'html' ? 'html' : 'text'] = text;
  const store = $('in-store').checked;
  status('Analysing…');
  $('btn-extract').disabled = true;
  try {
    const r = await api('api/extract' + (store ? '?store=true' : ''), {
      method: 'POST', headers: headers({'Content-Type': 'application/json'}), body: JSON.stringify(body),
    });
    renderReadout(r.text, r);
    status(`${r.actors.length} actors, ${r.quotes.length} quotes, ${r.events.length} events` +
      (store ? ' · added to the corpus' : ''));
  } catch (err) {
    status('Could not analyse: ' + err.message, true);
  } finally {
    $('btn-extract').disabled = false;
  }
}

async function openArticle(id) {
  status('Loading article…');
  try {
    const a = await api('api/articles/' + encodeURIComponent(id));
    renderReadout(a.text, a.readout);
    status('');
  } catch (err) {
    status('Could not open the article: ' + err.message, true);
  }
}

async function readFile(e) {
  const f = e.target.files[0];
  if (!f) return;
  if (f.size > 2 * 1024 * 1024) { status('That file is over 2 MB.', true); return; }
  $('in-text').value = await f.text();
  const html = /\.html?$/i.test(f.name) || f.type === 'text/html';
  $('in-format').value = html ? 'html' : 'text';
  if (!$('in-title').value) $('in-title').value = f.name.replace(/\.[^.]+$/, '');
  status(`Loaded ${f.name}. Press Analyse.`);
}

/** Colours: speakers first (in order of first quote), then other actors. */
function assignColours(r) {
  const colours = new Map();
  const take = (id) => { if (id && !colours.has(id)) colours.set(id, PALETTE[colours.size % PALETTE.length]); };
  for (const q of r.quotes) take(q.speaker);
  for (const e of r.events) { e.actors.forEach(take); e.targets.forEach(take); }
  return colours;
}

function renderReadout(text, r) {
  const names = new Map(r.actors.map((a) => [a.id, a.name]));
  const colours = assignColours(r);
  current = {text, readout: r, colours, names};
  $('result').hidden = false;
  $('doc-title').textContent = r.document.title || 'Untitled article';
  $('doc-meta').textContent = [r.document.published, r.document.url, 'id ' + r.document.id.slice(0, 12)]
    .filter(Boolean).join(' · ');
  const legend = clear($('legend'));
  for (const [id, c] of colours) legend.append(el('li', {color: c}, names.get(id) || id));
  renderText(text, r, colours);
  renderEvents(r, names, colours);
  renderSideQuotes(r, names, colours);
  renderPositionsMatrix($('doc-positions'), r.positions.map((p) => ({
    actor: names.get(p.actor) || p.actor, issue: p.issue, stance: p.stance, published: r.document.published,
    evidence: p.evidence,
  })));
}

/** Splits the text at every span edge and wraps each piece in its annotations. */
function renderText(text, r, colours) {
  const cps = Array.from(text);
  const marks = [];
  r.actors.forEach((a) => a.mentions.forEach((m) => marks.push({s: m.start, e: m.end, kind: 'm', actor: a.id})));
  r.quotes.forEach((q) => {
    marks.push({s: q.content.start, e: q.content.end, kind: 'q', quote: q});
    if (q.cue) marks.push({s: q.cue.start, e: q.cue.end, kind: 'cue', quote: q});
  });
  r.events.forEach((ev) => marks.push({s: ev.trigger.start, e: ev.trigger.end, kind: 't', event: ev.id}));
  const cuts = new Set([0, cps.length]);
  for (const m of marks) { cuts.add(Math.max(0, Math.min(m.s, cps.length))); cuts.add(Math.max(0, Math.min(m.e, cps.length))); }
  const edges = [...cuts].sort((a, b) => a - b);
  const doc = clear($('doc'));
  const firstOfQuote = new Set();
  for (let i = 0; i + 1 < edges.length; i++) {
    const s = edges[i], e = edges[i + 1];
    const piece = cpSlice(cps, s, e);
    const on = marks.filter((m) => m.s <= s && m.e >= e && m.s < m.e);
    if (!on.length) { doc.append(piece); continue; }
    const span = el('span', {}, piece);
    const cls = [];
    const q = on.find((m) => m.kind === 'q');
    const men = on.find((m) => m.kind === 'm');
    if (q) {
      cls.push('q');
      span.dataset.quote = q.quote.id;
      const c = colours.get(q.quote.speaker);
      if (c) span.style.setProperty('--c', c);
      if (!firstOfQuote.has(q.quote.id)) {
        firstOfQuote.add(q.quote.id);
        span.tabIndex = 0;
        span.setAttribute('aria-label', quoteLabel(q.quote) + ': ' + q.quote.content.text);
      }
    }
    if (men) {
      cls.push('m');
      span.dataset.actor = men.actor;
      const c = colours.get(men.actor);
      if (c) span.style.setProperty('--c', c);
    }
    if (on.some((m) => m.kind === 'cue')) cls.push('cue');
    const evs = on.filter((m) => m.kind === 't').map((m) => m.event);
    if (evs.length) { cls.push('t'); span.dataset.events = evs.join(' '); }
    span.className = cls.join(' ');
    doc.append(span);
  }
}

function quoteLabel(q) {
  const n = current.names;
  return 'Quote by ' + (n.get(q.speaker) || 'unknown speaker');
}

function showQuoteTip(target) {
  const id = target.dataset.quote;
  const q = current && current.readout.quotes.find((x) => x.id === id);
  if (!q) return;
  const n = current.names;
  const tip = clear($('tip'));
  const dl = el('dl', {},
    el('dt', {}, 'Speaker'), el('dd', {}, n.get(q.speaker) || (q.source ? q.source.text : 'unknown')),
    el('dt', {}, 'Cue'), el('dd', {}, q.cue ? q.cue.text : '—'),
    el('dt', {}, 'Addressee'), el('dd', {}, n.get(q.addressee) || '—'),
    el('dt', {}, 'Kind'), el('dd', {}, q.kind));
  tip.append(dl);
  tip.hidden = false;
  const rect = target.getBoundingClientRect();
  const top = rect.bottom + 6 + 140 > innerHeight ? rect.top - tip.offsetHeight - 6 : rect.bottom + 6;
  tip.style.left = Math.max(8, Math.min(rect.left, innerWidth - tip.offsetWidth - 8)) + 'px';
  tip.style.top = Math.max(8, top) + 'px';
  document.querySelectorAll('.q-active').forEach((x) => x.classList.remove('q-active'));
  document.querySelectorAll(`#doc [data-quote="${CSS.escape(id)}"]`).forEach((x) => x.classList.add('q-active'));
}

function hideQuoteTip() {
  $('tip').hidden = true;
  document.querySelectorAll('.q-active').forEach((x) => x.classList.remove('q-active'));
}

function setupDocHover() {
  const doc = $('doc');
  doc.addEventListener('mouseover', (e) => {
    const t = e.target.closest('[data-quote]');
    if (t) showQuoteTip(t); else hideQuoteTip();
  });
  doc.addEventListener('mouseleave', hideQuoteTip);
  doc.addEventListener('focusin', (e) => { if (e.target.dataset.quote) showQuoteTip(e.target); });
  doc.addEventListener('focusout', hideQuoteTip);
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') { hideQuoteTip(); clearHighlight(); } });
}

function participants(ev, names) {
  const a = ev.actors.map((x) => names.get(x) || x).join(', ');
  const t = ev.targets.map((x) => names.get(x) || x).join(', ');
  return t ? `${a || '?'} → ${t}` : a;
}

function renderEvents(r, names) {
  const list = clear($('events'));
  $('ev-count').textContent = `(${r.events.length})`;
  if (!r.events.length) list.append(el('li', {class: 'empty'}, 'No events found.'));
  for (const ev of r.events) {
    const when = ev.when ? ev.when.date : null;
    const b = el('button', {type: 'button', 'aria-pressed': 'false', 'data-event': ev.id,
      onclick: () => highlightEvent(ev, b)},
    el('span', {class: 'badge'}, ev.type),
    ev.status !== 'occurred' ? el('span', {class: 'badge status-badge'}, ev.status) : null,
    ev.trigger.text,
    el('span', {class: 'ev-line'}, [participants(ev, names), when, ev.issue].filter(Boolean).join(' · ')));
    list.append(el('li', {}, b));
  }
}

function clearHighlight() {
  document.querySelectorAll('#doc .hl, #doc .hl-actor').forEach((x) => x.classList.remove('hl', 'hl-actor'));
  document.querySelectorAll('#events button[aria-pressed="true"]').forEach((b) => b.setAttribute('aria-pressed', 'false'));
}

function highlightEvent(ev, button) {
  const was = button.getAttribute('aria-pressed') === 'true';
  clearHighlight();
  if (was) return;
  button.setAttribute('aria-pressed', 'true');
  const doc = $('doc');
  const triggers = [...doc.querySelectorAll('[data-events]')].filter((x) => x.dataset.events.split(' ').includes(ev.id));
  triggers.forEach((x) => x.classList.add('hl'));
  const who = new Set([...ev.actors, ...ev.targets]);
  doc.querySelectorAll('[data-actor]').forEach((x) => { if (who.has(x.dataset.actor)) x.classList.add('hl-actor'); });
  if (triggers[0]) triggers[0].scrollIntoView({block: 'center', behavior: 'smooth'});
}

function renderSideQuotes(r, names, colours) {
  const list = clear($('quotes'));
  $('q-count').textContent = `(${r.quotes.length})`;
  if (!r.quotes.length) list.append(el('li', {class: 'empty'}, 'No quotes found.'));
  for (const q of r.quotes) {
    const c = colours.get(q.speaker);
    list.append(el('li', {color: c},
      el('span', {class: 'who'}, names.get(q.speaker) || 'unknown'),
      q.cue ? ` ${q.cue.text}: ` : ': ',
      q.content.text.length > 160 ? Array.from(q.content.text).slice(0, 160).join('') + '…' : q.content.text));
  }
}

/** Actors × issues; each cell lists stances in date order and marks changes. */
function renderPositionsMatrix(container, rows) {
  clear(container);
  if (!rows.length) { container.append(el('p', {class: 'empty'}, 'No positions found.')); return; }
  const issues = [...new Set(rows.map((p) => p.issue))].sort();
  const actors = [...new Set(rows.map((p) => p.actor))].sort();
  const cells = new Map();
  for (const p of rows) {
    const k = p.actor + '\u0000' + p.issue;
    if (!cells.has(k)) cells.set(k, []);
    cells.get(k).push(p);
  }
  const table = el('table', {class: 'matrix'},
    el('thead', {}, el('tr', {}, el('th', {scope: 'col'}, 'Actor'), issues.map((i) => el('th', {scope: 'col'}, i)))));
  const tbody = el('tbody');
  for (const a of actors) {
    const tr = el('tr', {}, el('th', {scope: 'row'}, a));
    for (const i of issues) {
      const list = cells.get(a + '\u0000' + i) || [];
      const td = el('td');
      let last = null, changed = false;
      for (const p of list) {
        if (last && last !== p.stance) changed = true;
        last = p.stance;
        const ev = (p.evidence || []).map((s) => s.text).join(' … ');
        td.append(el('span', {class: 'stance ' + p.stance, title: [p.published, ev].filter(Boolean).join(': ')},
          p.stance + (p.published && list.length > 1 ? ' ' + p.published : '')));
      }
      if (changed) td.append(el('span', {class: 'changed', title: 'stance changed over time'}, '↻ changed'));
      tr.append(td);
    }
    tbody.append(tr);
  }
  table.append(tbody);
  container.append(table);
}

// ---------------------------------------------------------------- corpus views

async function loadTimeline(e) {
  if (e) e.preventDefault();
  const list = clear($('timeline'));
  status('Loading events…');
  try {
    const rows = await api('api/events' + qs({actor: $('tl-actor').value, type: $('tl-type').value,
      from: $('tl-from').value, to: $('tl-to').value}));
    status(`${rows.length} events`);
    if (!rows.length) list.append(el('li', {class: 'empty'}, 'No events match. Add articles to the corpus from the Read view.'));
    let lastDate;
    for (const ev of rows) {
      const date = ev.date || 'undated';
      const li = el('li', {});
      if (date !== lastDate) li.append(el('div', {class: 'date'}, date));
      lastDate = date;
      const who = ev.targets.length ? `${ev.actors.join(', ') || '?'} → ${ev.targets.join(', ')}` : ev.actors.join(', ');
      li.append(el('div', {class: 'item'},
        el('span', {class: 'badge'}, ev.type),
        ev.status !== 'occurred' ? el('span', {class: 'badge status-badge'}, ev.status) : null,
        el('strong', {}, who || 'unattributed'),
        markedSentence(ev.sentence, ev.trigger),
        el('div', {class: 'meta'}, ev.article_title ? ev.article_title + ' · ' : '', articleLink(ev.article))));
      list.append(li);
    }
  } catch (err) { status('Timeline: ' + err.message, true); }
}

async function loadQuotes(e) {
  if (e) e.preventDefault();
  const list = clear($('quote-results'));
  status('Searching quotes…');
  try {
    const rows = await api('api/quotes' + qs({speaker: $('qs-speaker').value, q: $('qs-q').value}));
    status(`${rows.length} quotes`);
    if (!rows.length) list.append(el('li', {class: 'empty'}, 'No quotes match.'));
    for (const q of rows) {
      const url = safeUrl(q.url);
      list.append(el('li', {},
        el('blockquote', {}, q.content.text),
        el('p', {class: 'attrib'}, '— ', el('strong', {}, q.speaker || 'unknown speaker'),
          q.cue ? ` (${q.cue.text})` : '', q.addressee ? ` to ${q.addressee}` : '',
          q.published ? ` · ${q.published}` : ''),
        markedSentence(q.sentence, q.content),
        el('div', {class: 'meta'}, q.article_title ? q.article_title + ' · ' : '', articleLink(q.article),
          url ? ' · ' : null, url ? el('a', {href: url, rel: 'noopener noreferrer', target: '_blank'}, 'source') : null)));
    }
  } catch (err) { status('Quotes: ' + err.message, true); }
}

async function loadPositions(e) {
  if (e) e.preventDefault();
  status('Loading positions…');
  try {
    const rows = await api('api/positions' + qs({issue: $('pos-issue').value}));
    status(`${rows.length} stances`);
    renderPositionsMatrix($('positions'), rows);
  } catch (err) { status('Positions: ' + err.message, true); }
}

async function loadArticles() {
  const list = clear($('articles'));
  status('Loading articles…');
  try {
    const rows = await api('api/articles');
    status(`${rows.length} articles in the corpus`);
    if (!rows.length) list.append(el('li', {class: 'empty'}, 'The corpus is empty. Tick “Add to corpus” when analysing.'));
    for (const a of rows) {
      list.append(el('li', {},
        el('h3', {}, articleLink(a.id, a.title || 'Untitled article')),
        el('div', {class: 'meta'}, [a.published, `${a.actors} actors`, `${a.quotes} quotes`, `${a.events} events`]
          .filter(Boolean).join(' · '))));
    }
  } catch (err) { status('Articles: ' + err.message, true); }
}

// ---------------------------------------------------------------- network

let graph = null; // {nodes, edges, byId, hover}

async function loadGraph() {
  status('Loading the network…');
  try {
    const g = await api('api/graph?limit=60');
    const linked = new Set(g.edges.flatMap((e) => [e.source, e.target]));
    const alone = g.nodes.filter((n) => !linked.has(n.id)).sort((a, b) => b.weight - a.weight).slice(0, 8);
    g.nodes = g.nodes.filter((n) => linked.has(n.id)).concat(alone);
    status(`${g.nodes.length} actors, ${g.edges.length} links`);
    layout(g);
    graph = g;
    drawGraph();
    const list = clear($('graph-list'));
    if (!g.edges.length) list.append(el('li', {class: 'empty'}, 'No links yet: events between actors appear here.'));
    const name = (id) => (g.byId.get(id) || {name: id}).name;
    const ranked = [...g.edges].sort((a, b) => b.weight - a.weight || (a.types.includes('co-mention') - b.types.includes('co-mention')));
    for (const e of ranked.slice(0, 30)) {
      list.append(el('li', {}, el('button', {type: 'button', class: 'link', onclick: () => { location.hash = 'timeline=' + name(e.source); }}, name(e.source)),
        ' — ', el('button', {type: 'button', class: 'link', onclick: () => { location.hash = 'timeline=' + name(e.target); }}, name(e.target)),
        ` · ${e.weight} link${e.weight === 1 ? '' : 's'} (${e.types.join(', ')})`));
    }
    if (ranked.length > 30) list.append(el('li', {class: 'empty'}, `and ${ranked.length - 30} weaker links`));
  } catch (err) { status('Network: ' + err.message, true); }
}

/** A small force layout (Fruchterman–Reingold): every pair repels, links
 * attract, a weak pull keeps loose nodes near the centre, and the step size
 * cools so the picture settles. */
function layout(g) {
  const W = 960, H = 560;
  g.byId = new Map();
  const n = g.nodes.length;
  const k = Math.sqrt((W * H) / Math.max(1, n)) * 0.75;
  g.nodes.forEach((node, i) => {
    // Deterministic start: a sunflower spiral.
    const a = i * 2.39996, r = 14 * Math.sqrt(i + 1);
    node.x = W / 2 + Math.cos(a) * r * 1.5;
    node.y = H / 2 + Math.sin(a) * r;
    node.r = 5 + Math.min(14, Math.sqrt(node.weight) * 1.8);
    g.byId.set(node.id, node);
  });
  // Loose links (only named together) are drawn dashed and pull less.
  const loose = (e) => e.types.every((t) => t === 'co-mention');
  const links = g.edges.map((e) => [g.byId.get(e.source), g.byId.get(e.target), e.weight, loose(e)])
    .filter((l) => l[0] && l[1]);
  let temp = W / 8;
  for (let step = 0; step < 320; step++) {
    for (const v of g.nodes) { v.dx = 0; v.dy = 0; }
    for (let i = 0; i < n; i++) {
      const a = g.nodes[i];
      for (let j = i + 1; j < n; j++) {
        const b = g.nodes[j];
        const dx = a.x - b.x, dy = a.y - b.y;
        const d = Math.max(1, Math.hypot(dx, dy));
        const f = (k * k) / d;
        a.dx += (dx / d) * f; a.dy += (dy / d) * f;
        b.dx -= (dx / d) * f; b.dy -= (dy / d) * f;
      }
    }
    for (const [a, b, w, weak] of links) {
      const dx = a.x - b.x, dy = a.y - b.y;
      const d = Math.max(1, Math.hypot(dx, dy));
      const f = ((d * d) / k) * (1 + Math.log(w)) * (weak ? 0.4 : 1);
      a.dx -= (dx / d) * f; a.dy -= (dy / d) * f;
      b.dx += (dx / d) * f; b.dy += (dy / d) * f;
    }
    for (const v of g.nodes) {
      v.dx += (W / 2 - v.x) * 0.02 * k;
      v.dy += (H / 2 - v.y) * 0.035 * k;
      const d = Math.max(1, Math.hypot(v.dx, v.dy));
      v.x += (v.dx / d) * Math.min(d, temp);
      v.y += (v.dy / d) * Math.min(d, temp);
      v.x = Math.max(40, Math.min(W - 40, v.x));
      v.y = Math.max(v.r + 4, Math.min(H - v.r - 16, v.y));
    }
    temp = Math.max(0.5, temp * 0.985);
  }
  g.links = links;
}

function drawGraph() {
  const c = $('graph');
  const ctx = c.getContext('2d');
  const dpr = window.devicePixelRatio || 1;
  if (c.width !== 960 * dpr) { c.width = 960 * dpr; c.height = 560 * dpr; }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, 960, 560);
  if (!graph) return;
  const hover = graph.hover;
  const near = new Set();
  if (hover) for (const [a, b] of graph.links) { if (a === hover) near.add(b); if (b === hover) near.add(a); }
  for (const [a, b, w, loose] of graph.links) {
    const on = hover && (a === hover || b === hover);
    ctx.strokeStyle = on ? '#b3261e' : loose ? 'rgba(60,64,72,0.16)' : 'rgba(60,64,72,0.5)';
    ctx.lineWidth = Math.min(6, (loose ? 0.6 : 1.2) + w * 0.6);
    ctx.setLineDash(loose ? [4, 4] : []);
    ctx.beginPath(); ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y); ctx.stroke();
  }
  ctx.setLineDash([]);
  const kindColour = {person: '#1f5fbf', organisation: '#15803d', country: '#c2410c', group: '#9333ea', location: '#a16207'};
  ctx.font = '12px system-ui, sans-serif';
  ctx.textAlign = 'center';
  for (const node of graph.nodes) {
    const dim = hover && node !== hover && !near.has(node);
    ctx.globalAlpha = dim ? 0.25 : 1;
    ctx.fillStyle = kindColour[node.kind] || '#555';
    ctx.beginPath(); ctx.arc(node.x, node.y, node.r, 0, 2 * Math.PI); ctx.fill();
    ctx.strokeStyle = '#fff'; ctx.lineWidth = 1.5; ctx.stroke();
    ctx.fillStyle = '#1b1d21';
    ctx.fillText(node.name, node.x, node.y + node.r + 12);
  }
  ctx.globalAlpha = 1;
}

function nodeAt(ev) {
  if (!graph) return null;
  const c = $('graph');
  const rect = c.getBoundingClientRect();
  const x = ((ev.clientX - rect.left) / rect.width) * 960;
  const y = ((ev.clientY - rect.top) / rect.height) * 560;
  let best = null, bd = 1e9;
  for (const node of graph.nodes) {
    const d = Math.hypot(node.x - x, node.y - y);
    if (d < node.r + 6 && d < bd) { best = node; bd = d; }
  }
  return best;
}

function setupGraph() {
  const c = $('graph');
  const tip = $('graph-tip');
  c.addEventListener('mousemove', (ev) => {
    const node = nodeAt(ev);
    if (graph && graph.hover !== node) { graph.hover = node; drawGraph(); }
    c.style.cursor = node ? 'pointer' : 'default';
    if (!node) { tip.hidden = true; return; }
    const links = graph.edges.filter((e) => e.source === node.id || e.target === node.id);
    links.sort((a, b) => b.weight - a.weight);
    const top = links.slice(0, 4).map((e) => (graph.byId.get(e.source === node.id ? e.target : e.source) || {name: "?"}).name);
    tip.textContent = `${node.name} (${node.kind}) · ${node.weight} events · ${links.length} links` +
      (top.length ? ': ' + top.join(', ') : '');
    tip.hidden = false;
    tip.style.left = ev.clientX + 12 + 'px';
    tip.style.top = ev.clientY + 12 + 'px';
  });
  c.addEventListener('mouseleave', () => { tip.hidden = true; if (graph) { graph.hover = null; drawGraph(); } });
  c.addEventListener('click', (ev) => { const node = nodeAt(ev); if (node) location.hash = 'timeline=' + node.name; });
}

// ---------------------------------------------------------------- start

function init() {
  const sel = $('tl-type');
  for (const t of EVENT_TYPES) sel.append(el('option', {value: t}, t));
  $('extract-form').addEventListener('submit', submitExtract);
  $('in-file').addEventListener('change', readFile);
  $('in-token').value = sessionStorage.getItem('newsgraph-token') || '';
  $('in-token').addEventListener('change', (e) => sessionStorage.setItem('newsgraph-token', e.target.value));
  $('timeline-form').addEventListener('submit', loadTimeline);
  $('quotes-form').addEventListener('submit', loadQuotes);
  $('positions-form').addEventListener('submit', loadPositions);
  $('in-text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) $('extract-form').requestSubmit();
  });
  setupTabs();
  setupDocHover();
  setupGraph();
  route();
}

document.addEventListener('DOMContentLoaded', init);
