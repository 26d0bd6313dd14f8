package reports

import (
	"bytes"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/darkaudit/darkaudit/evidence"
)

// maxExcerpt bounds the DOM excerpt of a finding, in bytes.
const maxExcerpt = 1200

// AddExcerpts fills each finding's Evidence.Excerpt with the element's markup
// from the step's saved HTML: found by its selector, or by its text when the
// selector leads into a shadow root or frame the saved HTML does not hold.
// The excerpt is the element's parent (a checkbox shows with its label),
// trimmed to maxExcerpt bytes. Findings whose HTML is missing keep no excerpt.
func AddExcerpts(b *evidence.Bundle, a *evidence.Audit) {
	docs := map[string]*goquery.Document{}
	for i := range a.Findings {
		f := &a.Findings[i]
		if f.Evidence.Excerpt != "" || f.Evidence.HTML == "" {
			continue
		}
		doc, ok := docs[f.Evidence.HTML]
		if !ok {
			if raw, err := b.ReadFile(f.Evidence.HTML); err == nil {
				doc, _ = goquery.NewDocumentFromReader(bytes.NewReader(raw))
			}
			docs[f.Evidence.HTML] = doc
		}
		if doc == nil {
			continue
		}
		f.Evidence.Excerpt = excerptOf(doc, f.Location.Selector, f.Location.Text)
	}
}

// excerptOf finds the element and returns the markup around it.
func excerptOf(doc *goquery.Document, selector, text string) string {
	var sel *goquery.Selection
	if selector != "" && !strings.Contains(selector, ">>>") {
		func() {
			defer func() { _ = recover() }() // a selector cascadia cannot parse
			if s := doc.Find(selector); s.Length() > 0 {
				sel = s.First()
			}
		}()
	}
	if sel == nil && strings.TrimSpace(text) != "" {
		want := strings.Join(strings.Fields(text), " ")
		if len(want) > 60 {
			want = want[:60]
		}
		// The innermost element whose text holds the finding's text.
		doc.Find("body *").Each(func(_ int, s *goquery.Selection) {
			if goquery.NodeName(s) == "script" || goquery.NodeName(s) == "style" {
				return
			}
			if strings.Contains(strings.Join(strings.Fields(s.Text()), " "), want) {
				sel = s
			}
		})
	}
	if sel == nil {
		return ""
	}
	if p := sel.Parent(); p.Length() > 0 && goquery.NodeName(p) != "body" {
		if h, err := goquery.OuterHtml(p); err == nil && len(h) <= maxExcerpt {
			return h
		}
	}
	h, err := goquery.OuterHtml(sel)
	if err != nil {
		return ""
	}
	if len(h) > maxExcerpt {
		h = strings.ToValidUTF8(h[:maxExcerpt], "") + " …"
	}
	return h
}
