'use strict';
// One report (/report.html?id=): every parsed field, its correlation and verification
// (GET /api/v1/compliance/reports/{id} for compliance officers, GET /api/v1/me/reports/{id} for a report about
// one of the caller's own messages). Rendered by Receipts.reportParts in common.js, all as text.
(function () {
  var status = document.getElementById('status');
  var id = new URLSearchParams(window.location.search).get('id') || '';

  Receipts.start('search').then(function (me) {
    if (!id) {
      Receipts.showStatus(status, 'No report given: open a report from Search.', 'error');
      Receipts.markLoaded('true');
      return null;
    }
    var base = Receipts.hasRole(me, 'compliance') ? '/api/v1/compliance/reports/' : '/api/v1/me/reports/';
    return Receipts.getJson(base + encodeURIComponent(id)).then(function (report) {
      var parts = Receipts.reportParts(report);
      Receipts.clear(document.getElementById('report-summary')).appendChild(parts.summary);
      Receipts.clear(document.getElementById('report-recipients')).appendChild(parts.recipients
        || Receipts.el('p', 'hint', 'No recipient block in this report.'));
      Receipts.clear(document.getElementById('report-fields')).appendChild(parts.fields);
      var section = document.getElementById('report');
      section.setAttribute('data-report-id', String(report.id !== undefined ? report.id : id));
      section.setAttribute('data-report-type', report.type || '');
      section.setAttribute('data-correlation', report.correlation || '');
      section.setAttribute('data-verification', report.verification || 'NONE');
      section.hidden = false;
      document.querySelector('h1').textContent = 'Report ' + (report.id !== undefined ? report.id : id) + ': '
        + Receipts.words.reportType(report.type);
      status.hidden = true;
      Receipts.markLoaded('true');
    });
  }).catch(function (error) {
    Receipts.showError(status, 'Could not load report ' + id, error);
    Receipts.markLoaded('error');
  });
})();
