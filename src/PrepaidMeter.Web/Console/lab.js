// The lab run's page, live (docs/web.md, "Lab"). Served as /lab.js from the console's own assembly, so the page's
// Content-Security-Policy (script-src 'self', no inline script) lets it run. Without it the page refreshes itself instead.
// Each finished scenario or clause arrives as a "result" event and is added to the list; at "end" the stream is closed (or
// the browser would reconnect) and the page is loaded again, which shows the whole result, the report and the download.
// The words come from the page's data- attributes, so they are written (and translated) in the page, not here.
(() => {
    'use strict';
    const list = document.getElementById('lab-done');
    if (!list || !list.dataset.events) {
        return;
    }

    const count = document.getElementById('lab-count');
    const source = new EventSource(list.dataset.events);
    source.addEventListener('result', event => {
        const item = JSON.parse(event.data);
        if (list.querySelector(`li[data-number="${item.number}"]`)) {
            return;
        }

        const line = document.createElement('li');
        line.dataset.number = String(item.number);
        const name = document.createElement('strong');
        name.textContent = item.name;
        const verdict = document.createElement('span');
        verdict.className = item.passed ? 'pass' : 'fail';
        verdict.textContent = item.passed ? list.dataset.passed : list.dataset.failed;
        line.append(name, ` — ${item.title} — `, verdict);
        if (item.failures.length > 0) {
            const failures = document.createElement('ul');
            for (const failure of item.failures) {
                const one = document.createElement('li');
                one.textContent = failure;
                failures.append(one);
            }

            line.append(failures);
        }

        list.append(line);
        if (count) {
            count.textContent = String(list.children.length);
        }
    });
    source.addEventListener('end', () => {
        source.close();
        window.location.reload();
    });
    // A stream refused for good (the run no longer kept, the session ended) closes instead of reconnecting: loaded again,
    // the page says why (or the sign-in page asks for the operator).
    source.addEventListener('error', () => {
        if (source.readyState === EventSource.CLOSED) {
            window.location.reload();
        }
    });
})();
