// reel shot report: a click on a shot (row or strip) selects it and seeks the video, when there is one, to its first frame.
(function () {
  'use strict';
  const video = document.getElementById('video');
  const strip = document.getElementById('strip');
  const head = document.getElementById('playhead');
  const now = document.getElementById('now');
  const rows = Array.from(document.querySelectorAll('tr.shot'));
  const cells = Array.from(strip.querySelectorAll('.s'));
  const duration = cells.length ? parseFloat(cells[cells.length - 1].dataset.start) + 1e-9 : 0;
  const ends = rows.map((r) => parseFloat(r.dataset.end));
  const total = ends.length ? ends[ends.length - 1] : 0;
  const tc = (s) => { const ms = Math.round(s * 1000); const p = (n, w) => String(n).padStart(w || 2, '0');
    return p(Math.floor(ms / 3600000)) + ':' + p(Math.floor(ms / 60000) % 60) + ':' + p(Math.floor(ms / 1000) % 60) + '.' + p(ms % 1000, 3); };
  let selected = -1;
  function select(i, scroll) {
    if (i === selected || i < 0 || i >= rows.length) return;
    if (selected >= 0) { rows[selected].classList.remove('sel'); cells[selected] && cells[selected].classList.remove('sel'); }
    selected = i;
    rows[i].classList.add('sel');
    cells[i] && cells[i].classList.add('sel');
    if (scroll) rows[i].scrollIntoView({ block: 'nearest' });
  }
  function go(i) {
    select(i, true);
    if (video) {
      // Half a frame in, so the picture shown is the shot's first frame whatever the rounding.
      const fps = parseFloat(document.body.dataset.fps || '25');
      video.currentTime = parseFloat(rows[i].dataset.start) + 0.5 / fps;
    }
  }
  rows.forEach((r, i) => r.addEventListener('click', () => go(i)));
  strip.addEventListener('click', (e) => {
    const t = ((e.clientX - strip.getBoundingClientRect().left) / strip.clientWidth) * total;
    const i = ends.findIndex((end) => t < end);
    go(i < 0 ? rows.length - 1 : i);
  });
  if (video) {
    head.style.display = 'block';
    const update = () => {
      const t = video.currentTime;
      head.style.left = (100 * t / Math.max(total, 1e-9)) + '%';
      const i = ends.findIndex((end) => t < end);
      const k = i < 0 ? rows.length - 1 : i;
      now.textContent = tc(t) + '  ·  shot ' + (rows[k] ? rows[k].dataset.shot : '');
      if (!video.paused) select(k, false);
    };
    video.addEventListener('timeupdate', update);
    video.addEventListener('seeked', update);
  }
  window.reelReport = { go, selected: () => selected, duration };
})();
