// Sorts a table.sortable by the clicked column: numbers (digits with grouping commas, percentages,
// or a cell's data-sort) numerically, other text by the Chinese collation. No build step, no library.
document.addEventListener("click", function (event) {
  var th = event.target.closest("table.sortable thead th");
  if (!th) return;
  var table = th.closest("table"), body = table.tBodies[0], index = Array.prototype.indexOf.call(th.parentNode.children, th);
  var ascending = th.getAttribute("aria-sort") !== "ascending";
  Array.prototype.forEach.call(th.parentNode.children, function (cell) { cell.removeAttribute("aria-sort"); });
  th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  function key(row) {
    var cell = row.children[index]; if (!cell) return "";
    var text = cell.getAttribute("data-sort") || cell.textContent.trim();
    var number = text.replace(/[,%\s]/g, "");
    return number !== "" && !isNaN(number) ? Number(number) : text;
  }
  var rows = Array.prototype.slice.call(body.rows);
  rows.sort(function (a, b) {
    var x = key(a), y = key(b), order;
    if (typeof x === "number" && typeof y === "number") order = x - y;
    else order = String(x).localeCompare(String(y), "zh-CN");
    return ascending ? order : -order;
  });
  rows.forEach(function (row) { body.appendChild(row); });
});
