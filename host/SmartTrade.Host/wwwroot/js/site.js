// Small enhancements on top of server-rendered pages; everything works without them.
(() => {
  'use strict';

  // Live order status: when the server reports a new status (Server-Sent Events) the order page is fetched again.
  // It is fetched by its own address, never reloaded: the page may be the answer to a form (a declined payment),
  // and reloading that would send the form again. A form being sent stops listening, as the page is going anyway.
  let source = null;
  const live = document.querySelector('[data-live-order]');
  if (live && 'EventSource' in window) {
    const shown = live.getAttribute('data-status');
    const page = live.getAttribute('data-order-page');
    source = new EventSource(live.getAttribute('data-live-order'));
    source.addEventListener('status', (event) => {
      if (event.data !== shown && source) {
        source.close();
        source = null;
        window.location.assign(page);
      }
    });
    window.addEventListener('pagehide', () => source && source.close());
  }

  document.addEventListener('submit', (event) => {
    // Ask before destructive actions marked with data-confirm.
    const message = event.target.getAttribute && event.target.getAttribute('data-confirm');
    if (message && !window.confirm(message)) {
      event.preventDefault();
      return;
    }

    if (source) {
      source.close();
      source = null;
    }
  });
})();
