// The meter display's live panel (docs/web.md, "Meter display"). The page works without this script: a reload shows the
// meter's state. With it, the panel's fields follow the console's event stream, which sends the display again whenever
// the meter's file changes. The words it shows come from the page (data-*-text), so the page holds every sentence.
(() => {
  const panel = document.querySelector('[data-stream]');
  if (!panel || !('EventSource' in window)) {
    return;
  }

  const live = document.querySelector('[data-live]');
  const problem = document.querySelector('[data-problem]');
  const say = (key) => {
    if (live && live.dataset[key]) {
      live.textContent = live.dataset[key];
    }
  };

  const source = new EventSource(panel.dataset.stream);
  source.addEventListener('open', () => say('liveText'));
  // EventSource reconnects by itself; the page says so meanwhile.
  source.addEventListener('error', () => say('reconnectingText'));
  source.addEventListener('display', (event) => {
    const display = JSON.parse(event.data);
    for (const [name, text] of Object.entries(display.fields)) {
      for (const field of panel.querySelectorAll(`[data-field="${name}"]`)) {
        field.textContent = text;
      }
    }

    for (const [name, on] of Object.entries(display.lit)) {
      for (const symbol of panel.querySelectorAll(`[data-lit="${name}"]`)) {
        symbol.dataset.on = on ? 'yes' : 'no';
      }
    }

    panel.dataset.updated = String(Number(panel.dataset.updated || '0') + 1);
  });
  source.addEventListener('problem', (event) => {
    if (problem) {
      problem.textContent = event.data;
      problem.hidden = event.data === '';
    }
  });
})();
