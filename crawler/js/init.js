// darkaudit init script: runs in every frame before the page's own scripts.
// It records each control's state when it first appears (first paint), marks
// controls changed by trusted input events (the walker's clicks and keys),
// keeps references to closed shadow roots and notes elements with click
// listeners, so the capture script can tell div/span buttons from text.
(() => {
  if (window.__da) return;
  const first = new WeakMap();   // control -> {checked, selectedIndex, selected: [bool]}
  const touched = new WeakSet(); // controls changed by a trusted event
  const CLICKY = Symbol.for('darkaudit.clicky'); // set on elements with click-like listeners
  const shadows = new WeakMap(); // host -> shadow root (open or closed)
  const CONTROL = 'input[type=checkbox],input[type=radio],select,[role=checkbox],[role=switch],[role=radio],[aria-pressed]';
  const ariaOn = (el) => el.getAttribute('aria-checked') === 'true' || el.getAttribute('aria-pressed') === 'true';
  const stateOf = (el) => {
    if (el.tagName === 'SELECT') {
      return { checked: false, selectedIndex: el.selectedIndex, selected: Array.from(el.options).map(o => o.selected) };
    }
    if (el.tagName === 'INPUT') return { checked: !!el.checked };
    return { checked: ariaOn(el) };
  };
  const record = (root) => {
    if (!root || !root.querySelectorAll) return;
    if (root.matches && root.matches(CONTROL) && !first.has(root)) first.set(root, stateOf(root));
    for (const el of root.querySelectorAll(CONTROL)) if (!first.has(el)) first.set(el, stateOf(el));
  };
  const observe = (root) => {
    try {
      new MutationObserver((muts) => {
        for (const m of muts) for (const n of m.addedNodes) if (n.nodeType === 1) record(n);
      }).observe(root, { childList: true, subtree: true });
    } catch (e) { /* not observable */ }
  };
  const origAttach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = origAttach.call(this, init);
    shadows.set(this, root);
    observe(root);
    return root;
  };
  const origAdd = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, fn, opts) {
    if (this instanceof Element && /^(click|mousedown|mouseup|pointerdown|pointerup|touchstart|touchend)$/.test(type)) this[CLICKY] = true;
    return origAdd.call(this, type, fn, opts);
  };
  const controlOf = (t) => {
    if (!(t instanceof Element)) return null;
    if (t.matches(CONTROL)) return t;
    const c = t.closest(CONTROL);
    if (c) return c;
    const label = t.closest('label');
    if (label && label.control) return label.control;
    return null;
  };
  const mark = (ev) => {
    if (!ev.isTrusted) return;
    const path = ev.composedPath ? ev.composedPath() : [ev.target];
    for (const t of path) {
      const c = controlOf(t);
      if (c) { touched.add(c); break; }
    }
  };
  for (const type of ['click', 'change', 'input', 'keydown']) window.addEventListener(type, mark, true);
  observe(document);
  document.addEventListener('DOMContentLoaded', () => record(document), true);
  // resolve finds an element by a darkaudit selector path: CSS selectors joined
  // by ' >>> ', each step entering the shadow root or iframe document of the
  // element matched by the step before.
  const resolve = (path) => {
    let root = document;
    let el = null;
    for (const part of String(path).split(' >>> ')) {
      if (el) {
        const da = el.ownerDocument && el.ownerDocument.defaultView && el.ownerDocument.defaultView.__da;
        root = (da && da.shadows.get(el)) || el.shadowRoot || el.contentDocument || null;
        if (!root) return null;
      }
      el = root.querySelector(part);
      if (!el) return null;
    }
    return el;
  };
  window.__da = { first, touched, shadows, record, resolve, CONTROL, CLICKY };
})();
