// Sortable tables and a row filter for report.html; no dependencies. Rows are moved, never rebuilt from text,
// so nothing from the data is ever parsed as markup here.
(function () {
  'use strict';

  function sortKey(row, column, type) {
    var cell = row.cells[column];
    if (!cell) return type === 'text' ? '' : -Infinity;
    var value = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent.trim();
    if (type === 'text') return value.toLowerCase();
    var n = parseFloat(value);
    return isNaN(n) ? -Infinity : n;
  }

  function sortTable(table, column, direction) {
    var header = table.tHead.rows[0].cells[column];
    var type = header.getAttribute('data-type') || 'text';
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var position = new Map();
    rows.forEach(function (row, i) { position.set(row, i); });
    rows.sort(function (a, b) {
      var x = sortKey(a, column, type);
      var y = sortKey(b, column, type);
      var order = x < y ? -1 : x > y ? 1 : 0;
      // Ties keep their current order, so sorting by one column and then another nests the two.
      return (direction === 'desc' ? -order : order) || position.get(a) - position.get(b);
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      th.setAttribute('aria-sort', i === column ? (direction === 'desc' ? 'descending' : 'ascending') : 'none');
    });
  }

  document.querySelectorAll('table.sortable').forEach(function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      if (th.hasAttribute('data-nosort')) return;
      th.tabIndex = 0;
      th.classList.add('sortable-header');
      function toggle() {
        var current = th.getAttribute('aria-sort');
        var numeric = (th.getAttribute('data-type') || 'text') !== 'text';
        var direction = current === 'descending' ? 'asc' : current === 'ascending' ? 'desc' : numeric ? 'desc' : 'asc';
        sortTable(table, column, direction);
      }
      th.addEventListener('click', toggle);
      th.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); toggle(); }
      });
    });
    var initial = table.getAttribute('data-initial-sort');
    if (initial !== null) sortTable(table, parseInt(initial, 10), table.getAttribute('data-initial-dir') || 'asc');
    table.setAttribute('data-sorted', 'true');
  });

  document.querySelectorAll('input[data-filter]').forEach(function (input) {
    var table = document.getElementById(input.getAttribute('data-filter'));
    var counter = document.getElementById(input.getAttribute('data-filter') + '-shown');
    input.addEventListener('input', function () {
      var query = input.value.trim().toLowerCase();
      var shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = query !== '' && row.textContent.toLowerCase().indexOf(query) < 0;
        if (!row.hidden) shown++;
      });
      if (counter) counter.textContent = String(shown);
    });
  });
})();
