// darkaudit capture script: evaluated once the page has settled. It returns
// what the page is, as plain data: visible text blocks with their look,
// controls with first-paint and settled state, clickables with accessible
// names, forms, and candidate cart rows. It walks open and closed shadow roots
// and same-origin iframes. It never changes the page.
(() => {
  const LIMIT = { nodes: 6000, clickables: 3000, controls: 800, elements: 60000 };
  let truncated = false;
  const top = window;
  const vw = top.innerWidth, vh = top.innerHeight;
  const sx = top.scrollX, sy = top.scrollY;
  const out = { nodes: [], controls: [], clickables: [], forms: [], cartRows: [], contactHints: [] };
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'META', 'LINK', 'TITLE']);
  const CONTROL = 'input[type=checkbox],input[type=radio],select,[role=checkbox],[role=switch],[role=radio],[aria-pressed]';
  const CLICKY = Symbol.for('darkaudit.clicky');
  const clean = (s, n) => String(s || '').replace(/\s+/g, ' ').trim().slice(0, n || 500);
  const styleCache = new Map();
  const cs = (el) => { let s = styleCache.get(el); if (!s) { s = el.ownerDocument.defaultView.getComputedStyle(el); styleCache.set(el, s); } return s; };
  const parseColour = (v) => {
    const m = String(v).match(/rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/);
    if (!m) return { r: 0, g: 0, b: 0, a: 0 };
    let a = m[4] === undefined ? 1 : (m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]));
    return { r: Math.round(+m[1]), g: Math.round(+m[2]), b: Math.round(+m[3]), a };
  };
  const parentOf = (el) => el.parentElement || (el.getRootNode && el.getRootNode().host) || null;
  const bgCache = new Map();
  // blended background: composite every ancestor's background over white.
  const background = (el) => {
    if (bgCache.has(el)) return bgCache.get(el);
    const p = parentOf(el);
    const under = p ? background(p) : { r: 255, g: 255, b: 255, a: 1 };
    const c = parseColour(cs(el).backgroundColor);
    let res = under;
    if (c.a > 0) {
      const a = c.a;
      res = { r: Math.round(c.r * a + under.r * (1 - a)), g: Math.round(c.g * a + under.g * (1 - a)), b: Math.round(c.b * a + under.b * (1 - a)), a: 1 };
    }
    bgCache.set(el, res);
    return res;
  };
  const opCache = new Map();
  const opacity = (el) => {
    if (opCache.has(el)) return opCache.get(el);
    const p = parentOf(el);
    const v = parseFloat(cs(el).opacity || '1') * (p ? opacity(p) : 1);
    opCache.set(el, v);
    return v;
  };
  const shadowOf = (el) => {
    const da = el.ownerDocument.defaultView.__da;
    return (da && da.shadows.get(el)) || el.shadowRoot || null;
  };
  const cssPath = (el) => {
    const root = el.getRootNode();
    const ok = (id) => id && /^[A-Za-z][\w-]*$/.test(id) && root.querySelectorAll('#' + id).length === 1;
    const parts = [];
    let cur = el;
    while (cur && cur.nodeType === 1) {
      if (ok(cur.id)) { parts.unshift('#' + cur.id); break; }
      let part = cur.tagName.toLowerCase();
      const parent = cur.parentElement;
      const sibs = parent ? parent.children : (cur.parentNode ? cur.parentNode.children : []);
      let n = 0, idx = 0;
      for (const c of sibs) { if (c.tagName === cur.tagName) { n++; if (c === cur) idx = n; } }
      if (n > 1) part += ':nth-of-type(' + idx + ')';
      parts.unshift(part);
      cur = parent;
    }
    return parts.join(' > ');
  };
  const unionBox = (a, b) => {
    if (!a) return b;
    const x = Math.min(a.x, b.x), y = Math.min(a.y, b.y);
    return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
  };
  const textOf = (el) => clean(el.innerText !== undefined ? el.innerText : el.textContent, 300);
  const byIds = (el, ids) => clean(String(ids).split(/\s+/).map(id => { const t = el.getRootNode().getElementById ? el.getRootNode().getElementById(id) : el.ownerDocument.getElementById(id); return t ? t.textContent : ''; }).join(' '), 300);
  const region = (el) => {
    for (let c = el; c; c = parentOf(c)) {
      const t = c.tagName, r = c.getAttribute && c.getAttribute('role');
      if (t === 'DIALOG' || r === 'dialog' || r === 'alertdialog' || (c.getAttribute && c.getAttribute('aria-modal') === 'true')) return 'dialog';
      if (t === 'HEADER' || r === 'banner') return 'header';
      if (t === 'NAV' || r === 'navigation') return 'nav';
      if (t === 'FOOTER' || r === 'contentinfo') return 'footer';
      if (t === 'ASIDE' || r === 'complementary') return 'aside';
      if (t === 'MAIN' || r === 'main') return 'main';
    }
    return '';
  };
  const visible = (el) => {
    try {
      if (el.checkVisibility && !el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true })) return false;
    } catch (e) { /* older engines */ }
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };

  // walk visits a document or shadow root, with the offset of its frame.
  const walk = (root, ctx) => {
    const doc = root.ownerDocument || root;
    const win = doc.defaultView;
    const da = win && win.__da;
    const boxOf = (el) => {
      const r = el.getBoundingClientRect();
      return { x: r.left + ctx.ox + sx, y: r.top + ctx.oy + sy, width: r.width, height: r.height };
    };
    const sel = (el) => ctx.prefix + cssPath(el);
    const all = root.querySelectorAll('*');
    if (all.length > LIMIT.elements) truncated = true;

    // text blocks
    const blocks = new Map();
    const blockOf = (el) => {
      let c = el;
      while (c && parentOf(c) && String(cs(c).display).startsWith('inline') && c.tagName !== 'BUTTON' && c.tagName !== 'A') c = parentOf(c);
      return c;
    };
    const tw = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let tn, count = 0;
    while ((tn = tw.nextNode())) {
      if (++count > LIMIT.elements) { truncated = true; break; }
      const t = tn.nodeValue;
      if (!t || !t.trim()) continue;
      const parent = tn.parentElement;
      if (!parent || SKIP.has(parent.tagName)) continue;
      let hiddenBy = '';
      const det = parent.closest('details:not([open])');
      if (det && !parent.closest('summary')) hiddenBy = 'details';
      else if (!visible(parent)) continue;
      const block = blockOf(parent);
      let b = blocks.get(block);
      if (!b) { b = { parts: [], box: null, styleEl: parent, hiddenBy }; blocks.set(block, b); }
      b.parts.push(t);
      if (!hiddenBy) {
        const range = doc.createRange();
        range.selectNodeContents(tn);
        const r = range.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) b.box = unionBox(b.box, { x: r.left + ctx.ox + sx, y: r.top + ctx.oy + sy, width: r.width, height: r.height });
      }
    }
    for (const [block, b] of blocks) {
      if (out.nodes.length >= LIMIT.nodes) { truncated = true; break; }
      const s = cs(b.styleEl);
      const box = b.box || boxOf(b.hiddenBy === 'details' ? (block.closest('details') || block) : block);
      out.nodes.push({
        text: clean(b.parts.join(' '), 1000), tag: block.tagName.toLowerCase(), selector: sel(block), box,
        fontSize: parseFloat(s.fontSize) || 0, fontWeight: parseInt(s.fontWeight, 10) || 400,
        colour: parseColour(s.color), background: background(b.styleEl), opacity: opacity(b.styleEl),
        aboveFold: box.y < vh && box.height > 0, hiddenBy: b.hiddenBy, frame: ctx.frame, shadow: ctx.shadow,
      });
    }
    // tooltips: title attributes and hidden role=tooltip elements
    for (const el of root.querySelectorAll('[title],[role=tooltip],[data-tooltip]')) {
      if (out.nodes.length >= LIMIT.nodes) break;
      const txt = clean(el.getAttribute('title') || el.getAttribute('data-tooltip') || (el.getAttribute('role') === 'tooltip' && !visible(el) ? el.textContent : ''), 1000);
      if (!txt || el.tagName === 'IFRAME') continue;
      const anchor = el.getAttribute('role') === 'tooltip' ? (parentOf(el) || el) : el;
      const s = cs(anchor), box = boxOf(anchor);
      out.nodes.push({ text: txt, tag: el.tagName.toLowerCase(), selector: sel(el), box, fontSize: parseFloat(s.fontSize) || 0,
        fontWeight: parseInt(s.fontWeight, 10) || 400, colour: parseColour(s.color), background: background(anchor), opacity: opacity(anchor),
        aboveFold: box.y < vh, hiddenBy: 'tooltip', frame: ctx.frame, shadow: ctx.shadow });
    }

    // controls
    const labelOf = (el) => {
      const parts = [];
      if (el.labels && el.labels.length) for (const l of el.labels) parts.push(l.innerText || l.textContent);
      if (el.getAttribute('aria-labelledby')) parts.push(byIds(el, el.getAttribute('aria-labelledby')));
      if (el.getAttribute('aria-label')) parts.push(el.getAttribute('aria-label'));
      if (!parts.length && el.closest('label')) parts.push(el.closest('label').innerText);
      if (!parts.length && el.tagName !== 'INPUT' && el.tagName !== 'SELECT') parts.push(el.innerText || el.textContent);
      if (!parts.length && el.title) parts.push(el.title);
      return clean(parts.join(' '), 300);
    };
    const nearbyOf = (el, label) => {
      let c = parentOf(el);
      for (let i = 0; c && i < 4; i++, c = parentOf(c)) {
        const t = clean(c.innerText || c.textContent, 400);
        if (t.length > label.length + 3) return t;
      }
      return '';
    };
    for (const el of root.querySelectorAll(CONTROL)) {
      if (out.controls.length >= LIMIT.controls) { truncated = true; break; }
      if (el.tagName === 'INPUT' && !/^(checkbox|radio)$/i.test(el.type)) continue;
      const role = el.getAttribute('role') || '';
      let kind = 'checkbox';
      if (el.tagName === 'SELECT') kind = 'select';
      else if (el.tagName === 'INPUT') kind = el.type.toLowerCase();
      else if (role === 'switch' || (!role && el.hasAttribute('aria-pressed'))) kind = 'switch';
      else if (role === 'radio') kind = 'radio';
      else if (role !== 'checkbox' && el.hasAttribute('aria-pressed')) kind = 'switch';
      const on = el.tagName === 'INPUT' ? el.checked : (el.getAttribute('aria-checked') === 'true' || el.getAttribute('aria-pressed') === 'true');
      const f = da && da.first.get(el);
      const label = labelOf(el);
      let shown = visible(el);
      let box = boxOf(el);
      if (!shown || box.width < 2 || box.height < 2) {
        const l = (el.labels && el.labels[0]) || el.closest('label') || parentOf(el);
        if (l && visible(l)) { shown = true; if (box.width < 2 || box.height < 2) box = boxOf(l); }
      }
      const c = {
        kind, role, selector: sel(el), name: el.getAttribute('name') || '', value: el.value !== undefined && el.tagName !== 'SELECT' ? String(el.value) : '',
        label, nearby: nearbyOf(el, label), checkedAtFirstPaint: f ? !!f.checked : on, checked: !!on,
        touched: !!(da && da.touched.has(el)), required: !!el.required || el.getAttribute('aria-required') === 'true',
        disabled: !!el.disabled || el.getAttribute('aria-disabled') === 'true', visible: shown, box, frame: ctx.frame, shadow: ctx.shadow,
      };
      if (kind === 'radio' && !c.name && el.closest('[role=radiogroup]')) c.name = cssPath(el.closest('[role=radiogroup]'));
      if (kind === 'select') {
        c.options = Array.from(el.options).map((o, i) => ({ value: o.value, text: clean(o.text, 200), selected: o.selected,
          selectedAtFirstPaint: f && f.selected ? !!f.selected[i] : o.selected }));
      }
      out.controls.push(c);
    }

    // clickables
    const seen = new Set();
    for (const el of all) {
      if (out.clickables.length >= LIMIT.clickables) { truncated = true; break; }
      const t = el.tagName, role = el.getAttribute('role') || '';
      let is = (t === 'A' && el.hasAttribute('href')) || t === 'BUTTON' || t === 'SUMMARY' ||
        (t === 'INPUT' && /^(submit|button|image|reset)$/i.test(el.type)) ||
        /^(button|link|tab|menuitem|option)$/.test(role) || el.hasAttribute('onclick') || el[CLICKY] === true;
      if (!is && !SKIP.has(t) && cs(el).cursor === 'pointer') {
        const p = parentOf(el);
        is = !(p && cs(p).cursor === 'pointer') && !el.closest('a[href],button,label');
      }
      if (!is || seen.has(el)) continue;
      if (el.closest('a[href],button') !== el && (t === 'SPAN' || t === 'DIV' || t === 'IMG' || t === 'svg') && !el[CLICKY]) continue;
      seen.add(el);
      const shown = visible(el);
      if (!shown && t !== 'A' && t !== 'BUTTON') continue;
      const s = cs(el);
      let name = '';
      if (el.getAttribute('aria-label')) name = el.getAttribute('aria-label');
      else if (el.getAttribute('aria-labelledby')) name = byIds(el, el.getAttribute('aria-labelledby'));
      if (!name) name = clean(el.innerText || el.textContent, 200);
      if (!name && el.value && t === 'INPUT') name = el.value;
      if (!name) name = el.title || '';
      if (!name) { const img = el.querySelector('img[alt],svg title'); if (img) name = img.getAttribute('alt') || img.textContent; }
      const bg = parseColour(s.backgroundColor);
      out.clickables.push({
        tag: t.toLowerCase(), role, name: clean(name, 200), selector: sel(el), href: t === 'A' ? el.href : '',
        box: boxOf(el), visible: shown, enabled: !el.disabled && el.getAttribute('aria-disabled') !== 'true',
        fontSize: parseFloat(s.fontSize) || 0, fontWeight: parseInt(s.fontWeight, 10) || 400, colour: parseColour(s.color),
        background: background(el), filled: bg.a > 0.5, region: region(el), frame: ctx.frame, shadow: ctx.shadow,
      });
    }

    // forms and their fields (fields outside any form go into one pseudo-form)
    const fieldOf = (el) => ({
      selector: sel(el), type: (el.tagName === 'INPUT' ? el.type : el.tagName).toLowerCase(), name: el.name || el.id || '',
      label: clean((el.labels && el.labels[0] && el.labels[0].innerText) || el.getAttribute('aria-label') || el.placeholder || '', 200),
      autocomplete: el.getAttribute('autocomplete') || '', required: !!el.required, visible: visible(el),
    });
    const FIELD = 'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=checkbox]):not([type=radio]):not([type=image]),select,textarea';
    for (const form of root.querySelectorAll('form')) {
      out.forms.push({ selector: sel(form), action: form.getAttribute('action') || '', method: (form.getAttribute('method') || 'get').toLowerCase(),
        fields: Array.from(form.querySelectorAll(FIELD)).map(fieldOf) });
    }
    const orphans = Array.from(root.querySelectorAll(FIELD)).filter(el => !el.closest('form'));
    if (orphans.length) out.forms.push({ selector: '', action: '', method: '', fields: orphans.map(fieldOf) });

    // candidate cart rows: innermost elements whose text holds a name and a money amount
    const MONEY = /(?:[£$€¥]|\b(?:EUR|GBP|USD|CHF)\b)\s?-?\d|\d(?:[.,]\d{1,2})?(?:,-+)?\s?(?:€|\b(?:EUR|GBP|USD|CHF)\b)|\b\d+p\b/;
    const isRow = (el) => {
      if (SKIP.has(el.tagName) || el.closest('header,nav,footer,label,select,option,[role=banner],[role=navigation],[role=contentinfo]')) return false;
      if (!el.textContent || el.textContent.length > 240) return false;
      // textContent glues sibling texts ("Total" + "USD 5" = "TotalUSD 5"),
      // which hides a currency code from \b: join the text nodes with spaces.
      const tw = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let tc = '', tn;
      while ((tn = tw.nextNode())) tc += tn.nodeValue + ' ';
      if (!MONEY.test(tc)) return false;
      const CTL = 'input[type=checkbox],input[type=radio],select,[role=checkbox],[role=switch],[role=radio]';
      if (el.querySelector(CTL)) return false;
      // the label of a control (aria-labelledby, or text right beside it) is an option, not a line
      if (el.id && root.querySelector('[aria-labelledby~="' + CSS.escape(el.id) + '"]')) return false;
      // ...and so is a row right beside a box, radio or switch; a select is
      // not labelled by the rows after it.
      const BOX = 'input[type=checkbox],input[type=radio],[role=checkbox],[role=switch],[role=radio]';
      for (const sib of [el.previousElementSibling, el.nextElementSibling]) if (sib && sib.matches(BOX)) return false;
      // A small wrapper (a control, its text, a price) is a label too; a
      // summary box holding a switch among its rows is not.
      const p = el.parentElement;
      if (p && p.textContent.length < 300 && p.children.length <= 3 && p.querySelector(':scope > ' + CTL.split(',').join(', :scope > '))) return false;
      return /\p{L}{3,}/u.test(tc.replace(/\b(EUR|GBP|USD|CHF)\b/g, ''));
    };
    for (const el of all) {
      if (out.cartRows.length >= 200) break;
      if (!isRow(el) || !visible(el)) continue;
      let inner = false;
      for (const ch of el.children) if (isRow(ch)) { inner = true; break; }
      if (inner) continue;
      let qty = 0;
      const q = el.querySelector('input[type=number],input[name*=qty i],input[name*=quant i],select[name*=qty i],select[name*=quant i]');
      if (q && /^\d+$/.test(q.value)) qty = parseInt(q.value, 10);
      // Button labels ("Remove", "Edit") are not part of the line's name.
      let rowText = el.innerText || el.textContent || '';
      for (const b of el.querySelectorAll('button,[role=button],input[type=button],input[type=submit]')) {
        const bt = (b.innerText || b.value || '').trim();
        if (bt && bt.length <= 24 && /\p{L}/u.test(bt) && !/\d/.test(bt)) rowText = rowText.replace(bt, ' ');
      }
      out.cartRows.push({ text: clean(rowText, 240), qty, selector: sel(el), box: boxOf(el) });
    }

    // contact hints: tel: and mailto: links
    for (const a of root.querySelectorAll('a[href^="tel:" i],a[href^="mailto:" i]')) {
      out.contactHints.push({ href: a.getAttribute('href'), text: clean(a.innerText || a.textContent, 200), selector: sel(a), box: boxOf(a) });
    }

    // descend into shadow roots and same-origin iframes
    for (const el of all) {
      const sr = shadowOf(el);
      if (sr) walk(sr, { ox: ctx.ox, oy: ctx.oy, frame: ctx.frame, shadow: true, prefix: sel(el) + ' >>> ' });
      if (el.tagName === 'IFRAME') {
        let d = null;
        try { d = el.contentDocument; } catch (e) { d = null; }
        if (d && d.documentElement) {
          const r = el.getBoundingClientRect();
          const st = cs(el);
          walk(d, { ox: ctx.ox + r.left + (parseFloat(st.borderLeftWidth) || 0) + (parseFloat(st.paddingLeft) || 0) - sx * 0,
            oy: ctx.oy + r.top + (parseFloat(st.borderTopWidth) || 0) + (parseFloat(st.paddingTop) || 0), frame: d.URL, shadow: false,
            prefix: sel(el) + ' >>> ' });
        }
      }
    }
  };
  walk(document, { ox: 0, oy: 0, frame: '', shadow: false, prefix: '' });
  const de = document.documentElement;
  return Object.assign(out, {
    url: location.href, title: document.title, lang: de.getAttribute('lang') || '',
    viewport: { width: vw, height: vh },
    pageHeight: Math.max(de.scrollHeight, document.body ? document.body.scrollHeight : 0),
    pageWidth: Math.max(de.scrollWidth, document.body ? document.body.scrollWidth : 0),
    truncated,
  });
})()
