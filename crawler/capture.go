package crawler

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/evidence/contacts"
	"github.com/darkaudit/darkaudit/evidence/lexicon"
	"github.com/darkaudit/darkaudit/evidence/price"
	"github.com/darkaudit/darkaudit/evidence/text"
)

//go:embed js/capture.js
var captureJS string

// Capture limits.
const (
	maxScreenshotHeight = 16000
	maxHTMLBytes        = 8 << 20
)

// rawCapture is what capture.js returns.
type rawCapture struct {
	URL          string               `json:"url"`
	Title        string               `json:"title"`
	Lang         string               `json:"lang"`
	Viewport     evidence.Size        `json:"viewport"`
	PageHeight   float64              `json:"pageHeight"`
	PageWidth    float64              `json:"pageWidth"`
	Truncated    bool                 `json:"truncated"`
	Nodes        []evidence.Node      `json:"nodes"`
	Controls     []evidence.Control   `json:"controls"`
	Clickables   []evidence.Clickable `json:"clickables"`
	Forms        []evidence.Form      `json:"forms"`
	CartRows     []cartRow            `json:"cartRows"`
	ContactHints []contactHint        `json:"contactHints"`
}

type cartRow struct {
	Text     string       `json:"text"`
	Qty      int          `json:"qty"`
	Selector string       `json:"selector"`
	Box      evidence.Box `json:"box"`
}

type contactHint struct {
	Href     string       `json:"href"`
	Text     string       `json:"text"`
	Selector string       `json:"selector"`
	Box      evidence.Box `json:"box"`
}

// capture records the page now open in the tab as a Snapshot, writing its
// screenshot and HTML into the bundle under evidence/name.*.
func (t *Tab) capture(ctx context.Context, b *evidence.Bundle, name string) (*evidence.Snapshot, error) {
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](captureJS))
	if err != nil {
		return nil, fmt.Errorf("capture page state: %w", err)
	}
	var rc rawCapture
	if err := json.Unmarshal(raw, &rc); err != nil {
		return nil, fmt.Errorf("decode page state: %w", err)
	}
	s := &evidence.Snapshot{
		URL: rc.URL, FinalURL: rc.URL, Title: clip(rc.Title, 500), Lang: rc.Lang, At: time.Now().UTC(),
		Viewport: rc.Viewport, PageHeight: rc.PageHeight, Truncated: rc.Truncated,
		Nodes: rc.Nodes, Controls: rc.Controls, Clickables: rc.Clickables, Forms: rc.Forms,
	}
	enrich(s, rc)
	t.takeRecords(s)

	shot, err := t.screenshot(ctx, rc)
	if err != nil {
		return s, fmt.Errorf("screenshot: %w", err)
	}
	if s.Screenshot, err = b.WriteEvidence(name+".png", shot); err != nil {
		return s, err
	}
	html, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement ? document.documentElement.outerHTML : ""`))
	if err != nil {
		return s, fmt.Errorf("read HTML: %w", err)
	}
	if len(html) > maxHTMLBytes {
		html, s.Truncated = html[:maxHTMLBytes], true
	}
	if s.HTML, err = b.WriteEvidence(name+".html", []byte(html)); err != nil {
		return s, err
	}
	return s, nil
}

// screenshot takes a full-page PNG, clipped to a sane height for huge pages.
func (t *Tab) screenshot(ctx context.Context, rc rawCapture) ([]byte, error) {
	w := math.Max(float64(rc.Viewport.Width), 1)
	h := math.Min(math.Max(rc.PageHeight, float64(rc.Viewport.Height)), maxScreenshotHeight)
	yes := true
	res, err := chromedp.Call(ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{
		Format:                page.CaptureScreenshotFormatPng,
		CaptureBeyondViewport: &yes,
		FromSurface:           &yes,
		Clip:                  &page.Viewport{X: 0, Y: 0, Width: w, Height: h, Scale: 1},
	})
	if err != nil {
		return nil, err
	}
	return res.Data, nil
}

// enrich derives prices, cart lines and contact details from the raw capture.
// This is still observation: it says what the page shows, not what it means.
func enrich(s *evidence.Snapshot, rc rawCapture) {
	for _, n := range s.Nodes {
		if n.HiddenBy == "tooltip" {
			continue
		}
		for _, p := range price.FindAll(n.Text) {
			p.Selector = n.Selector
			box := n.Box
			p.Box = &box
			s.Prices = append(s.Prices, p)
		}
	}
	for i := range s.Controls {
		c := &s.Controls[i]
		c.Prices = price.FindAll(c.Label)
		if len(c.Prices) == 0 && len(c.Nearby) <= 200 {
			c.Prices = price.FindAll(c.Nearby)
		}
		for j := range c.Options {
			c.Options[j].Prices = price.FindAll(c.Options[j].Text)
		}
	}
	s.Cart = buildCart(rc.CartRows)
	s.Contacts = findContacts(s, rc)
}

// cartWords are the lexicon's words for the parts of a cart, merged over
// every language: total, subtotal and charge lines, and the label of a
// quantity ("Qty: 2") as a pattern that also reads "2 ×" and "× 2".
type cartWords struct {
	total, subtotal, charge *text.Matcher
	qty                     *regexp.Regexp
}

var cartVocab = sync.OnceValue(func() cartWords {
	all := func(f func(*lexicon.Language) []string) []string { return lexicon.Collect(f) }
	var labels []string
	for _, w := range all(func(l *lexicon.Language) []string { return l.QuantityLabel }) {
		labels = append(labels, regexp.QuoteMeta(w))
	}
	return cartWords{
		total:    text.NewMatcher(all(func(l *lexicon.Language) []string { return l.CartTotal })),
		subtotal: text.NewMatcher(all(func(l *lexicon.Language) []string { return l.CartSubtotal })),
		charge:   text.NewMatcher(all(func(l *lexicon.Language) []string { return l.CartCharge })),
		qty:      regexp.MustCompile(`(?i)(?:\b(?:` + strings.Join(labels, "|") + `)\s*:?\s*(\d{1,3})\b|[×x]\s?(\d{1,3})\b|\b(\d{1,3})\s?[×x]\s)`),
	}
})

// isTotal reports a total row: it names a total ("Total", "Gesamtsumme",
// "Importe total") and, with the total's own words taken out, names no
// charge ("Total shipping" is a charge line, not the total).
func (cw cartWords) isTotal(s string) bool {
	p, ok := cw.total.Match(s)
	if !ok {
		return false
	}
	rest := strings.ReplaceAll(" "+Normalize(s)+" ", " "+Normalize(strings.Trim(p, "*"))+" ", " ")
	return !hasWord(cw.charge, rest)
}

func hasWord(m *text.Matcher, s string) bool {
	_, ok := m.Match(s)
	return ok
}

// buildCart turns candidate rows into a Cart when the page shows a total.
func buildCart(rows []cartRow) *evidence.Cart {
	var cart evidence.Cart
	hasTotal := false
	cw := cartVocab()
	for _, r := range rows {
		prices := price.FindAll(r.Text)
		if len(prices) == 0 {
			continue
		}
		last := prices[len(prices)-1]
		last.Selector = r.Selector
		box := r.Box
		last.Box = &box
		switch {
		case hasWord(cw.subtotal, r.Text):
			p := last
			cart.Subtotal = &p
			continue
		case cw.isTotal(r.Text):
			p := last
			cart.Total = &p
			hasTotal = true
			continue
		}
		name := r.Text
		for _, p := range prices {
			name = strings.Replace(name, p.Text, " ", 1)
		}
		qty := r.Qty
		if m := cw.qty.FindStringSubmatch(name); m != nil {
			for _, g := range m[1:] {
				if g != "" && qty == 0 {
					qty, _ = strconv.Atoi(g)
				}
			}
			name = cw.qty.ReplaceAllString(name, " ")
		}
		if qty == 0 {
			qty = 1
		}
		name = strings.Join(strings.Fields(strings.Trim(name, " -–—:|·•()")), " ")
		cart.Lines = append(cart.Lines, evidence.CartLine{
			Name: name, Quantity: qty, Price: &last, Charge: hasWord(cw.charge, name),
			Selector: r.Selector, Box: r.Box,
		})
	}
	if !hasTotal || len(cart.Lines) == 0 {
		return nil
	}
	return &cart
}

// findContacts lists the phone numbers, e-mail addresses, postal addresses and
// contact forms the page shows.
func findContacts(s *evidence.Snapshot, rc rawCapture) []evidence.ContactDetail {
	host := ""
	if u, err := url.Parse(s.URL); err == nil {
		host = u.Hostname()
	}
	region := contacts.RegionFor(s.Lang, host)
	var out []evidence.ContactDetail
	seen := map[string]bool{}
	add := func(d evidence.ContactDetail, sel string, box evidence.Box) {
		key := d.Kind + "|" + d.Normalized + "|" + d.Value
		if seen[key] {
			return
		}
		seen[key] = true
		d.Selector = sel
		b := box
		d.Box = &b
		out = append(out, d)
	}
	for _, h := range rc.ContactHints {
		for _, d := range contacts.Phones(h.Href+" "+h.Text, region) {
			add(d, h.Selector, h.Box)
		}
		for _, d := range contacts.Emails(h.Href + " " + h.Text) {
			add(d, h.Selector, h.Box)
		}
	}
	for _, n := range s.Nodes {
		if n.HiddenBy == "tooltip" {
			continue
		}
		for _, d := range contacts.Phones(n.Text, region) {
			add(d, n.Selector, n.Box)
		}
		for _, d := range contacts.Emails(n.Text) {
			add(d, n.Selector, n.Box)
		}
		for _, d := range contacts.Addresses(n.Text) {
			add(d, n.Selector, n.Box)
		}
	}
	for _, f := range s.Forms {
		hasText, hasEmail := false, false
		for _, fld := range f.Fields {
			if fld.Type == "textarea" {
				hasText = true
			}
			if fld.Type == "email" || strings.Contains(strings.ToLower(fld.Name+fld.Label+fld.Autocomplete), "mail") {
				hasEmail = true
			}
		}
		if hasText && hasEmail {
			add(evidence.ContactDetail{Kind: evidence.ContactForm, Value: "contact form"}, f.Selector, evidence.Box{})
		}
	}
	return out
}
