// Forms marked data-busy (file uploads and other long submissions): once sent, the submit button shows a
// spinner with the form's busy text and cannot be pressed a second time while the server works.
document.addEventListener('submit', function (event) {
  var form = event.target;
  var busyText = form.getAttribute('data-busy');
  if (!busyText || event.defaultPrevented) {
    return;
  }
  form.querySelectorAll('button[type=submit]').forEach(function (button) {
    var spinner = document.createElement('span');
    spinner.className = 'spinner-border spinner-border-sm me-1';
    spinner.setAttribute('aria-hidden', 'true');
    button.textContent = busyText;
    button.prepend(spinner);
    button.disabled = true;
  });
});
