// Before Decap loads: start it by hand (after the Indonesian phrases are registered), and
// skip its "Masuk" button: the editor's own login (/masuk) already let this person in.
window.CMS_MANUAL_INIT = true;
localStorage.setItem('decap-cms-user', JSON.stringify({ backendName: 'proxy' }));

// A refused save stays on screen until the clerk closes it (Decap's own notice leaves after
// a few seconds), in the clerk's words, and the fields it names are marked in the form.
(function () {
  var WRITES = ['persistEntry', 'persistMedia', 'deleteFile', 'deleteFiles'];
  var original = window.fetch;

  function action(init) {
    try { return JSON.parse(init && init.body).action; } catch (e) { return null; }
  }

  function clearMarks() {
    document.querySelectorAll('.ditandai').forEach(function (node) { node.classList.remove('ditandai'); });
    document.querySelectorAll('.pesan-isian').forEach(function (node) { node.remove(); });
    document.querySelectorAll('[aria-invalid=true][data-ditandai]').forEach(function (node) {
      node.removeAttribute('aria-invalid');
      node.removeAttribute('data-ditandai');
    });
  }

  function mark(records) {
    var labels = Array.prototype.slice.call(document.querySelectorAll('label'));
    records.filter(function (r) { return r.milik; }).forEach(function (record) {
      var name = record.label.split(', ')[0];
      var label = labels.find(function (node) { return node.textContent.trim().indexOf(name) === 0; });
      if (!label) return;
      label.parentElement.classList.add('ditandai');
      var control = label.htmlFor && document.getElementById(label.htmlFor);
      if (control) {
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('data-ditandai', '');
      }
      var note = document.createElement('p');
      note.className = 'pesan-isian';
      note.textContent = record.label + ': ' + record.message;
      label.insertAdjacentElement('afterend', note);
    });
  }

  function close() {
    var panel = document.getElementById('penolakan');
    if (panel) panel.remove();
    clearMarks();
  }

  function show(answer) {
    close();
    var lines = String(answer.error || '').split('\n').filter(function (line) { return line.trim(); });
    var panel = document.createElement('div');
    panel.id = 'penolakan';
    panel.setAttribute('role', 'alertdialog');
    panel.setAttribute('aria-labelledby', 'penolakan-judul');
    panel.setAttribute('tabindex', '-1');
    var heading = document.createElement('h2');
    heading.id = 'penolakan-judul';
    heading.textContent = lines.shift() || 'Perubahan TIDAK disimpan';
    panel.appendChild(heading);
    var list = document.createElement('ul');
    lines.forEach(function (line) {
      var item = document.createElement('li');
      item.textContent = line.replace(/^• /, '');
      if (!/^• /.test(line)) item.className = 'judul-lain';
      list.appendChild(item);
    });
    panel.appendChild(list);
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Tutup pesan';
    button.addEventListener('click', close);
    panel.appendChild(button);
    document.body.appendChild(panel);
    mark(answer.masalah || []);
    panel.focus();
  }

  window.fetch = function (input, init) {
    var asked = action(init);
    if (WRITES.indexOf(asked) !== -1) close();
    return original.apply(this, arguments).then(function (response) {
      var url = typeof input === 'string' ? input : input.url;
      if (url.indexOf('/admin/api/v1') !== -1 && WRITES.indexOf(asked) !== -1 && response.status >= 400) {
        response.clone().json().then(show, function () {});
      }
      return response;
    });
  };

  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && document.getElementById('penolakan')) close();
  });

  // Pick lists come from react-select inside Decap, whose words no locale reaches: "No options",
  // and "Remove ..." read out by screen readers on each chosen item.
  function translate(root) {
    if (!root || !root.nodeType) return;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeValue === 'No options') node.nodeValue = 'Tidak ada pilihan yang cocok';
    }
    var labelled = root.nodeType === 1 ? [root].concat(Array.prototype.slice.call(root.querySelectorAll('[aria-label]'))) : [];
    labelled.forEach(function (element) {
      var label = element.getAttribute('aria-label');
      if (label && label.indexOf('Remove ') === 0) element.setAttribute('aria-label', 'Hapus ' + label.slice(7));
    });
  }
  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) {
      if (mutation.type === 'characterData') translate(mutation.target.parentNode);
      else if (mutation.type === 'attributes') translate(mutation.target);
      mutation.addedNodes.forEach(function (node) { translate(node.nodeType === 1 ? node : node.parentNode); });
    });
  }).observe(document.documentElement, {
    childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['aria-label'],
  });
})();
