// reel serve: the player page. Times on the timeline are wall-clock milliseconds (the manifest's
// ISO times); the player's own clock is mapped through each HLS fragment's EXT-X-PROGRAM-DATE-TIME.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const video = $('video');
  const timeline = $('timeline');
  const layers = $('tl-layers');
  const state = { items: new Map(), keep: new Set(), manifest: null, programmes: [], t0: 0, t1: 0, marks: [], selection: null, hls: null, drag: null };
  const TICKS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

  const pad = (n, w = 2) => String(n).padStart(w, '0');
  function clock(ms, withMs) {
    const d = new Date(ms);
    const s = pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
    return withMs ? s + '.' + pad(d.getMilliseconds(), 3) : s;
  }
  function span(sec) {
    sec = Math.max(0, sec);
    const h = Math.floor(sec / 3600), m = Math.floor(sec / 60) % 60, s = sec % 60;
    return (h ? h + ':' + pad(m) + ':' + pad(Math.floor(s)) : m + ':' + pad(Math.floor(s))) + (sec < 60 ? '.' + Math.floor((s % 1) * 10) : '');
  }
  const bytes = (n) => n > 1e9 ? (n / 1e9).toFixed(2) + ' GB' : n > 1e6 ? (n / 1e6).toFixed(1) + ' MB' : Math.round(n / 1e3) + ' kB';
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));

  // ---- wall clock <-> media time, through the playlist's fragments
  function fragments() {
    const h = state.hls;
    if (!h || !h.levels || !h.levels.length) return [];
    const lvl = h.levels[Math.max(0, h.currentLevel)] || h.levels[0];
    return (lvl.details && lvl.details.fragments || []).filter((f) => f.programDateTime);
  }
  function wallAt(t) {
    const fr = fragments();
    let best = null;
    for (const f of fr) { if (f.start <= t + 1e-3) best = f; else break; }
    if (!best) return fr.length ? fr[0].programDateTime : NaN;
    return best.programDateTime + (t - best.start) * 1000;
  }
  function mediaAt(ms) {
    const fr = fragments();
    if (!fr.length) return NaN;
    for (const f of fr) {
      const end = f.programDateTime + f.duration * 1000;
      if (ms < f.programDateTime) return f.start; // in a gap (or before the window): the next recorded moment
      if (ms < end) return f.start + (ms - f.programDateTime) / 1000;
    }
    const last = fr[fr.length - 1];
    return last.start + Math.max(0, last.duration - 0.5);
  }
  const currentWall = () => wallAt(video.currentTime);
  function liveEdgeWall() {
    const segs = state.manifest && state.manifest.segments;
    return segs && segs.length ? Date.parse(segs[segs.length - 1].end) : NaN;
  }
  function seekWall(ms) {
    const t = mediaAt(ms);
    if (!isNaN(t)) video.currentTime = t;
    return t;
  }
  function goLive() {
    const h = state.hls;
    const t = h && h.liveSyncPosition ? h.liveSyncPosition : (video.seekable.length ? video.seekable.end(video.seekable.length - 1) - 1 : NaN);
    if (!isNaN(t)) video.currentTime = t;
    video.play().catch(() => {});
  }

  // ---- timeline
  const x = (ms) => ((ms - state.t0) / Math.max(1, state.t1 - state.t0)) * 100;
  function wallOfEvent(e) {
    const r = timeline.getBoundingClientRect();
    const f = Math.min(1, Math.max(0, (e.clientX - r.left) / r.width));
    return state.t0 + f * (state.t1 - state.t0);
  }
  // Timeline items are keyed and kept between polls (only their geometry changes), so a pointer on one stays on it.
  function div(key, cls, left, width, attrs) {
    let d = state.items.get(key);
    if (!d) { d = document.createElement('div'); d.dataset.key = key; state.items.set(key, d); }
    d.className = cls;
    d.style.left = left + '%';
    d.style.width = width != null ? Math.max(width, 0.15) + '%' : '';
    for (const k in attrs || {}) d.setAttribute(k, attrs[k]);
    state.keep.add(key);
    return d;
  }
  function collect(m) {
    const marks = [];
    for (const s of m.segments || []) {
      for (const sh of s.shots || []) {
        const t = Date.parse(sh.time);
        marks.push({ kind: 'shot', type: sh.type, t, end: t + (sh.seconds || 0) * 1000, score: sh.score, seconds: sh.seconds || 0 });
      }
    }
    for (const g of m.gaps || []) marks.push({ kind: 'gap', type: 'gap', t: Date.parse(g.from), end: Date.parse(g.to), seconds: g.seconds, reason: g.reason });
    for (const p of state.programmes) {
      if (p.start) marks.push({ kind: 'programme', type: 'programme', t: Date.parse(p.start), end: Date.parse(p.end || p.start), title: p.title || p.file });
    }
    marks.sort((a, b) => a.t - b.t);
    return marks;
  }
  function render() {
    const m = state.manifest;
    if (!m || !m.segments || !m.segments.length) return;
    state.t0 = Date.parse(m.segments[0].start);
    state.t1 = Math.max(liveEdgeWall(), state.t0 + 1000);
    state.marks = collect(m).filter((k) => k.end >= state.t0 && k.t <= state.t1);
    const frag = [];
    state.keep = new Set();
    // Recorded runs: segments merged where they touch.
    let a = null, b = null;
    const flush = () => { if (a != null) frag.push(div('rec:' + a, 'tl-rec', x(a), x(b) - x(a))); };
    for (const s of m.segments) {
      const ss = Date.parse(s.start), se = Date.parse(s.end);
      if (a != null && ss - b < 500) { b = se; continue; }
      flush(); a = ss; b = se;
    }
    flush();
    for (const k of state.marks) {
      const l = x(Math.max(k.t, state.t0));
      if (k.kind === 'gap') {
        frag.push(div('gap:' + k.t, 'tl-gap', l, x(Math.min(k.end, state.t1)) - l, { 'data-from': new Date(k.t).toISOString(), 'data-to': new Date(k.end).toISOString(), title: 'gap ' + k.seconds.toFixed(1) + ' s: ' + k.reason }));
      } else if (k.kind === 'programme') {
        const d = div('prog:' + k.t, 'tl-prog', l, x(Math.min(k.end, state.t1)) - l, { 'data-time': new Date(k.t).toISOString(), title: 'programme: ' + k.title });
        if (!d.firstChild) d.innerHTML = '<span>' + esc(k.title) + '</span>';
        frag.push(d);
      }
    }
    for (const k of state.marks) {
      if (k.kind !== 'shot') continue;
      const grad = k.seconds > 0;
      frag.push(div('shot:' + k.t, 'tl-shot' + (grad ? ' gradual' : ''), x(k.t), grad ? x(k.end) - x(k.t) : null,
        { 'data-time': new Date(k.t).toISOString(), 'data-type': k.type, title: k.type + ' at ' + clock(k.t, true) + (grad ? ', ' + k.seconds.toFixed(2) + ' s' : '') + ', score ' + k.score }));
    }
    for (const [key, el] of state.items) if (!state.keep.has(key)) { el.remove(); state.items.delete(key); }
    frag.forEach((el, i) => { if (layers.children[i] !== el) layers.insertBefore(el, layers.children[i] || null); });
    axis();
    renderSelection();
    marksList();
    facts(m);
    const shots = state.marks.filter((k) => k.kind === 'shot').length, gaps = state.marks.filter((k) => k.kind === 'gap').length;
    $('window').textContent = clock(state.t0) + ' – ' + clock(state.t1) + '  ·  ' + span((state.t1 - state.t0) / 1000) + '  ·  ' + shots + ' shot change' + (shots === 1 ? '' : 's') + '  ·  ' + gaps + ' gap' + (gaps === 1 ? '' : 's');
  }
  function axis() {
    const w = timeline.clientWidth || 800, dur = (state.t1 - state.t0) / 1000;
    const step = TICKS.find((s) => dur / s <= Math.max(2, Math.floor(w / 110))) || 86400;
    const out = [];
    for (let t = Math.ceil(state.t0 / 1000 / step) * step * 1000; t <= state.t1; t += step * 1000) {
      const l = x(t);
      if (l > 97) break; // it would run off the end
      const edge = l < 3 ? 'transform:none' : '';
      out.push('<span style="left:' + l + '%;' + edge + '">' + clock(t) + '</span>');
    }
    $('tl-axis').innerHTML = out.join('');
  }
  function marksList() {
    const ol = $('marks');
    const list = state.marks.slice(-300).reverse();
    $('marks-count').textContent = state.marks.length ? '(' + state.marks.length + ')' : '';
    if (!list.length) { ol.innerHTML = '<li class="none">No shot changes, gaps or programmes in the window.</li>'; return; }
    ol.innerHTML = list.map((k) => {
      const detail = k.kind === 'shot' ? (k.seconds > 0 ? k.seconds.toFixed(2) + ' s · ' : '') + 'score ' + k.score
        : k.kind === 'gap' ? k.seconds.toFixed(1) + ' s · ' + esc(k.reason) : esc(k.title);
      return '<li data-time="' + new Date(k.kind === 'gap' ? k.end : k.t).toISOString() + '" data-kind="' + k.kind + '"><span class="t">' + clock(k.t, true) +
        '</span><span class="k ' + (k.kind === 'shot' ? (k.seconds > 0 ? 'gradual' : 'cut') : k.kind) + '">' + esc(k.type) + '</span><span class="s">' + detail + '</span></li>';
    }).join('');
  }
  function facts(m) {
    const segs = m.segments, rec = segs.reduce((s, x) => s + x.duration, 0), size = segs.reduce((s, x) => s + x.bytes, 0);
    const rows = [
      ['container', m.container + ', ' + m.segmentSeconds + ' s segments'],
      ['window', m.windowSeconds > 0 ? span(m.windowSeconds) : 'keep all'],
      ['recorded', span(rec) + ' in ' + segs.length + ' segments, ' + bytes(size)],
      ['gaps', String((m.gaps || []).length)],
      ['shot detector', m.shotDetector || 'off'],
      ['dropped', String(m.stats ? m.stats.dropped : 0)],
      ['updated', m.updated ? clock(Date.parse(m.updated)) : '']];
    $('facts').innerHTML = rows.map((r) => '<dt>' + r[0] + '</dt><dd>' + esc(r[1]) + '</dd>').join('');
    $('source').textContent = m.source || '';
  }
  function renderSelection() {
    const el = $('tl-selection'), s = state.selection;
    $('export').disabled = !s;
    $('clear').disabled = !s;
    if (!s) { el.hidden = true; $('sel-text').textContent = 'Drag across the timeline to select a range.'; return; }
    el.hidden = false;
    el.style.left = x(s[0]) + '%';
    el.style.width = (x(s[1]) - x(s[0])) + '%';
    $('sel-text').textContent = clock(s[0], true) + ' → ' + clock(s[1], true) + '  (' + span((s[1] - s[0]) / 1000) + ')';
  }
  function setSelection(a, b) {
    state.selection = a == null ? null : [Math.min(a, b), Math.max(a, b)];
    renderSelection();
  }
  function tick() {
    const w = currentWall();
    if (!isNaN(w) && state.t1 > state.t0) {
      $('tl-playhead').style.left = Math.min(100, Math.max(0, x(w))) + '%';
      $('clock').textContent = clock(w, false);
      const behind = (liveEdgeWall() - w) / 1000;
      const live = behind < 3 * ((state.manifest && state.manifest.segmentSeconds) || 6) && !video.paused;
      $('live-badge').classList.toggle('on', live);
      $('behind').textContent = live ? '' : (behind < 60 ? behind.toFixed(1) + ' s' : span(behind)) + ' behind live';
    }
    $('play').textContent = video.paused ? 'Play' : 'Pause';
    requestAnimationFrame(tick);
  }

  // ---- export
  async function exportSelection() {
    const s = state.selection;
    if (!s) return null;
    const fmt = $('format').value, st = $('export-status');
    const url = '/api/export?from=' + encodeURIComponent(new Date(s[0]).toISOString()) + '&to=' + encodeURIComponent(new Date(s[1]).toISOString()) +
      '&format=' + fmt + ($('exact').checked ? '&exact=1' : '');
    st.className = 'status'; st.textContent = 'Exporting…';
    $('export').disabled = true;
    try {
      const r = await fetch(url);
      if (!r.ok) {
        const e = await r.json().catch(() => ({ error: r.statusText }));
        throw new Error((r.status === 429 ? 'busy: ' : '') + e.error);
      }
      const blob = await r.blob();
      const name = (/filename="([^"]+)"/.exec(r.headers.get('Content-Disposition') || '') || [])[1] || 'export.' + fmt;
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob); a.download = name; document.body.appendChild(a); a.click(); a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 60000);
      st.textContent = 'Downloaded ' + name + ' — ' + Number(r.headers.get('X-Reel-Seconds')).toFixed(2) + ' s, ' + bytes(blob.size) + ', ' + r.headers.get('X-Reel-Method');
      return name;
    } catch (e) {
      st.className = 'status err'; st.textContent = 'Export failed: ' + e.message;
      return null;
    } finally {
      $('export').disabled = !state.selection;
    }
  }

  // ---- input
  timeline.addEventListener('mousedown', (e) => { state.drag = { x: e.clientX, a: wallOfEvent(e), moved: false, target: e.target }; e.preventDefault(); });
  window.addEventListener('mousemove', (e) => {
    const hv = $('tl-hover'), r = timeline.getBoundingClientRect();
    if (e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom && state.t1 > state.t0) {
      hv.hidden = false; hv.style.left = (e.clientX - r.left) + 'px'; hv.textContent = clock(wallOfEvent(e), false);
    } else hv.hidden = true;
    const d = state.drag;
    if (!d) return;
    if (Math.abs(e.clientX - d.x) > 4) d.moved = true;
    if (d.moved) setSelection(d.a, wallOfEvent(e));
  });
  window.addEventListener('mouseup', (e) => {
    const d = state.drag;
    state.drag = null;
    if (!d || d.moved) return;
    const at = d.target && d.target.getAttribute && d.target.getAttribute('data-time');
    seekWall(at ? Date.parse(at) : d.a);
  });
  $('marks').addEventListener('click', (e) => {
    const li = e.target.closest('li[data-time]');
    if (li) seekWall(Date.parse(li.getAttribute('data-time')));
  });
  $('play').onclick = () => (video.paused ? video.play().catch(() => {}) : video.pause());
  $('back').onclick = () => { video.currentTime = Math.max(0, video.currentTime - 10); };
  $('fwd').onclick = () => { video.currentTime += 10; };
  $('live').onclick = goLive;
  $('export').onclick = exportSelection;
  $('clear').onclick = () => setSelection(null);
  document.addEventListener('keydown', (e) => {
    if (e.target.tagName === 'INPUT' || e.target.tagName === 'SELECT') return;
    if (e.key === ' ') { e.preventDefault(); $('play').click(); }
    if (e.key === 'ArrowLeft') $('back').click();
    if (e.key === 'ArrowRight') $('fwd').click();
  });
  window.addEventListener('resize', axis);

  // ---- data
  async function poll() {
    try {
      const r = await fetch('/manifest.json', { cache: 'no-store' });
      if (r.ok) { state.manifest = await r.json(); render(); }
    } catch (e) { /* the next poll */ }
  }
  async function pollProgrammes() {
    try {
      const r = await fetch('/api/programmes', { cache: 'no-store' });
      if (r.ok) { state.programmes = await r.json(); render(); }
    } catch (e) { /* the next poll */ }
  }
  function message(text) { const m = $('message'); m.hidden = !text; m.textContent = text || ''; }
  function start() {
    if (window.Hls && Hls.isSupported()) {
      const h = new Hls({ liveSyncDurationCount: 2, liveMaxLatencyDurationCount: Infinity, maxBufferLength: 20, backBufferLength: 60, enableWorker: true });
      state.hls = h;
      h.on(Hls.Events.MANIFEST_PARSED, () => { message(''); video.play().catch(() => {}); });
      h.on(Hls.Events.ERROR, (ev, d) => {
        if (!d.fatal) return;
        if (d.type === Hls.ErrorTypes.NETWORK_ERROR) { message('Waiting for the recording… (' + d.details + ')'); setTimeout(() => h.loadSource('/playlist.m3u8'), 3000); }
        else if (d.type === Hls.ErrorTypes.MEDIA_ERROR) h.recoverMediaError();
        else message('Playback error: ' + d.details);
      });
      h.loadSource('/playlist.m3u8');
      h.attachMedia(video);
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = '/playlist.m3u8';
      video.play().catch(() => {});
    } else {
      message('This browser cannot play HLS (no Media Source Extensions).');
    }
    poll(); pollProgrammes();
    setInterval(poll, 2000);
    setInterval(pollProgrammes, 10000);
    requestAnimationFrame(tick);
  }

  // For scripts and tests: the page's clock and actions.
  window.reel = { currentWall, liveEdgeWall, seekWall, goLive, setSelection, exportSelection, marks: () => state.marks.slice(), range: () => [state.t0, state.t1] };
  start();
})();
