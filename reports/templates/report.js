// Filters and search for the darkaudit report. Works on data- attributes and
// text content only; it never writes markup.
(function () {
  'use strict';
  var root = document.getElementById('findings');
  var search = document.getElementById('search');
  var shown = document.getElementById('shown');
  if (!root || !search || !shown) { return; }
  var items = Array.prototype.slice.call(root.querySelectorAll('.finding'));
  var boxes = Array.prototype.slice.call(document.querySelectorAll('#filters input[type=checkbox]'));
  function selected(kind) {
    var set = {};
    boxes.forEach(function (b) {
      if (b.getAttribute('data-filter') === kind && b.checked) { set[b.value] = true; }
    });
    return set;
  }
  function apply() {
    var fams = selected('family');
    var sevs = selected('severity');
    var q = search.value.trim().toLowerCase();
    var n = 0;
    items.forEach(function (el) {
      var ok = Object.prototype.hasOwnProperty.call(sevs, el.getAttribute('data-severity')) &&
        Object.prototype.hasOwnProperty.call(fams, el.getAttribute('data-family')) &&
        (q === '' || el.textContent.toLowerCase().indexOf(q) !== -1);
      el.hidden = !ok;
      if (ok) { n++; }
    });
    shown.textContent = n + ' of ' + items.length + ' findings shown';
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  search.addEventListener('input', apply);
  document.documentElement.classList.add('js');
  apply();
}());
