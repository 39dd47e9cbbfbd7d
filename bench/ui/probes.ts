/**
 * Scripts run in the page (as text: the bench compiles without the DOM library). Each keeps
 * its samples on `window.__bench`.
 */

/**
 * Installed before the app starts: the time the first beat card is in the DOM, the next frame
 * after it, and the first task after that frame (the page is painted and free for input).
 * `start` is the click's time, or 0 (the navigation's start) for a reload.
 */
export const WATCH_FIRST_CARDS = `
(() => {
  const bench = (window.__bench = window.__bench || {});
  bench.open = { start: 0, dom: 0, frame: 0, usable: 0 };
  document.addEventListener('click', (e) => { bench.open.start = e.timeStamp; }, true);
  const seen = () => {
    if (bench.open.dom || !document.querySelector('[data-beat-id]')) return;
    bench.open.dom = performance.now();
    requestAnimationFrame(() => {
      bench.open.frame = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { bench.open.usable = performance.now(); };
      channel.port2.postMessage(0);
    });
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true });
})();
`;

/** Starts collecting requestAnimationFrame deltas (frame start to frame start). */
export const START_FRAMES = `
(() => {
  const bench = (window.__bench = window.__bench || {});
  bench.frames = [];
  bench.recording = true;
  let last = 0;
  const tick = (t) => {
    if (last) bench.frames.push(t - last);
    last = t;
    if (bench.recording) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
`;

export const STOP_FRAMES = `(() => { window.__bench.recording = false; return window.__bench.frames; })()`;

/**
 * Input-to-paint for typing: performance.now() at keydown; `handled` once the input event's
 * own work is done (every listener, and React's render and commit, which runs in a microtask
 * queued before the one queued here, in the window's bubbling listener: the last to run); the
 * next animation frame after the input event; and the first task after that frame. Samples from
 * the calibration field (`data-bench-plain`, no listener of its own) are marked `plain`.
 */
export const WATCH_TYPING = `
(() => {
  const bench = (window.__bench = window.__bench || {});
  bench.typing = [];
  let pending = null;
  window.addEventListener('keydown', () => { pending = { down: performance.now() }; }, true);
  window.addEventListener('input', (e) => {
    const sample = pending;
    pending = null;
    if (!sample) return;
    sample.input = performance.now();
    sample.plain = e.target instanceof HTMLElement && e.target.hasAttribute('data-bench-plain');
    queueMicrotask(() => { sample.handled = performance.now(); });
    requestAnimationFrame(() => {
      sample.frame = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        sample.painted = performance.now();
        bench.typing.push(sample);
      };
      channel.port2.postMessage(0);
    });
  });
})();
`;

/**
 * The calibration field: a plain textarea on top of the page, outside the app (no listener, no
 * render), focused, beside a turning spinner like the app's "Saving…" one (which turns while a
 * beat is typed and keeps the frame clock ticking). Its keydown-to-next-frame is what the frame
 * clock alone costs a keystroke.
 */
export const PLAIN_FIELD = `
(() => {
  const box = document.createElement('div');
  box.style.cssText = 'position:fixed;left:8px;bottom:8px;z-index:99999;display:flex;gap:8px';
  const field = document.createElement('textarea');
  field.setAttribute('data-bench-plain', '');
  field.style.cssText = 'width:320px;height:64px';
  const spinner = document.createElement('span');
  spinner.className = 'spinner';
  box.append(field, spinner);
  document.body.append(box);
  field.focus();
})()
`;

export const DOM_SIZE = `document.querySelectorAll('*').length`;

/** Resolves after two animation frames and until no placeholder row is in view (max 3 s). */
export const SETTLE = `
new Promise((resolve) => {
  const started = performance.now();
  const check = () => {
    const loading = [...document.querySelectorAll('.beat-slot.is-loading')].some((el) => {
      const r = el.getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
    });
    if (!loading || performance.now() - started > 3000) resolve(performance.now() - started);
    else requestAnimationFrame(() => requestAnimationFrame(check));
  };
  requestAnimationFrame(() => requestAnimationFrame(check));
})
`;
