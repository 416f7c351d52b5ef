// Small enhancements on top of server-rendered pages; everything works without them.
(() => {
  'use strict';

  // Live order status: the order page reloads when the server reports a new status (Server-Sent Events).
  const live = document.querySelector('[data-live-order]');
  if (live && 'EventSource' in window) {
    const shown = live.getAttribute('data-status');
    const source = new EventSource(live.getAttribute('data-live-order'));
    source.addEventListener('status', (event) => {
      if (event.data !== shown) {
        source.close();
        window.location.reload();
      }
    });
    window.addEventListener('pagehide', () => source.close());
  }

  // Ask before destructive actions marked with data-confirm.
  document.addEventListener('submit', (event) => {
    const message = event.target.getAttribute && event.target.getAttribute('data-confirm');
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
})();
