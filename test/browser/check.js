// Injected by test/browser.sh into a copy of a report page (never shipped in
// the report): writes what the page shows into a pre element with id check, one fact a
// line, tab-separated, for chromium --dump-dom to return.
(function () {
  var lines = [];
  var root = document.documentElement;
  lines.push(['overflow', root.scrollWidth > root.clientWidth ? 'yes' : 'no', root.scrollWidth, root.clientWidth].join('\t'));
  lines.push(['lang', root.lang].join('\t'));
  document.querySelectorAll('svg.chart').forEach(function (s) {
    lines.push(['chart', s.dataset.block, s.dataset.kind, s.querySelectorAll('rect.bar').length].join('\t'));
  });
  document.querySelectorAll('table.ranking tbody tr').forEach(function (tr) {
    var t = tr.closest('table');
    lines.push(['move', t.dataset.block, t.dataset.kind, tr.dataset.body, tr.dataset.movement,
                tr.querySelector('.arrow').textContent, tr.querySelector('td.score').textContent].join('\t'));
  });
  document.querySelectorAll('h2[data-label]').forEach(function (h) {
    lines.push(['heading', h.dataset.label, h.textContent].join('\t'));
  });
  document.querySelectorAll('h3[id^="ranking-"]').forEach(function (h) {
    lines.push(['title', h.id, h.textContent].join('\t'));
  });
  document.querySelectorAll('article.body').forEach(function (a) {
    a.querySelectorAll('table.breakdown tr[data-node], table.blocks tr[data-node]').forEach(function (tr) {
      lines.push(['point', a.id.replace(/^body-/, ''), tr.dataset.node, tr.querySelector('td.points').textContent].join('\t'));
    });
  });
  var pre = document.createElement('pre');
  pre.id = 'check';
  pre.textContent = lines.join('\n');
  document.body.appendChild(pre);
})();
