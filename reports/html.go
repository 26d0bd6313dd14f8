package reports

import (
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/darkaudit/darkaudit/evidence"
)

// HTMLWriter writes index.html: a self-contained report that makes no network
// request, opens from file:// and from a mailed zip, prints to A4, and escapes
// every page-derived string (html/template) under a strict Content-Security-Policy.
type HTMLWriter struct{}

// Format implements Writer.
func (HTMLWriter) Format() string { return "html" }

// DefaultPath implements Writer.
func (HTMLWriter) DefaultPath() string { return "index.html" }

//go:embed templates
var templateFS embed.FS

type htmlAssets struct {
	tmpl *template.Template
	css  string
	js   string
	csp  string
}

var loadHTMLAssets = sync.OnceValues(func() (*htmlAssets, error) {
	css, err := fs.ReadFile(templateFS, "templates/report.css")
	if err != nil {
		return nil, err
	}
	js, err := fs.ReadFile(templateFS, "templates/report.js")
	if err != nil {
		return nil, err
	}
	tmpl, err := template.New("report.html.tmpl").Funcs(template.FuncMap{
		"inc": func(i int) int { return i + 1 },
	}).ParseFS(templateFS, "templates/report.html.tmpl")
	if err != nil {
		return nil, err
	}
	return &htmlAssets{tmpl: tmpl, css: string(css), js: string(js), csp: contentSecurityPolicy(css, js)}, nil
})

// contentSecurityPolicy allows nothing but images from the report's own folder
// (and data: URIs) and the one embedded style sheet and script, by hash.
func contentSecurityPolicy(css, js []byte) string {
	return "default-src 'none'; img-src 'self' data:; style-src '" + cspHash(css) + "'; script-src '" + cspHash(js) +
		"'; base-uri 'none'; form-action 'none'"
}

func cspHash(b []byte) string {
	sum := sha256.Sum256(b)
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

// Write implements Writer.
func (HTMLWriter) Write(w io.Writer, a *evidence.Audit, b *evidence.Bundle) error {
	assets, err := loadHTMLAssets()
	if err != nil {
		return fmt.Errorf("html templates: %w", err)
	}
	v := buildHTMLView(a, b)
	v.CSP = assets.csp
	v.CSS = template.CSS(assets.css)
	v.JS = template.JS(assets.js)
	if err := assets.tmpl.Execute(w, v); err != nil {
		return fmt.Errorf("render html: %w", err)
	}
	return nil
}

// htmlView is everything the template shows, computed and sorted in Go so the
// template only prints.
type htmlView struct {
	CSP        string
	CSS        template.CSS
	JS         template.JS
	Title      string
	Tool       evidence.Tool
	Browser    evidence.Browser
	Started    string
	Finished   string
	Duration   string
	Command    string
	Total      int
	Severities []nameCount
	Families   []nameCount
	Baseline   bool
	New        int
	Targets    []htmlTarget
	Findings   []htmlFinding
	Suppressed []htmlFinding
	Errors     []htmlError
}

type htmlTarget struct {
	Site, URL, Href, Status, Error string
	Complete                       bool
	PagesVisited                   int
	Checkout, Signup, Cancel       bool
	SignupSteps, CancelSteps       string
	Phone, Email, Form, Address    string
	Journeys                       []htmlJourney
}

type htmlJourney struct {
	Anchor, ID, Kind, Name, Reason string
	Reached                        bool
	Steps                          int
	Frames                         []htmlFrame
}

type htmlFrame struct {
	Index                      int
	Title, URL, Href, Kind, At string
	Arrived, Next, Error       string
	Shot                       htmlFile
	Outline                    *htmlBox
}

type htmlFile struct {
	Label string
	Path  string // as recorded, shown as text
	Href  string // "" when the path is not a bundle path
	SHA   string
}

type htmlBox struct{ X, Y, W, H string }

type htmlFinding struct {
	Anchor, ID, Rule, Family, Severity, Confidence string
	Title, Message, Explanation, Help              string
	Reasons                                        []string
	Regulations                                    []evidence.Citation
	URL, Href, Site, Journey, At                   string
	Step                                           int
	Selector, Text, Excerpt                        string
	Crop, Shot                                     htmlFile
	Outline                                        *htmlBox
	Related                                        []htmlRelated
	Files                                          []htmlFile
	Baseline, Suppression                          string
}

// htmlRelated is a second element of a finding's evidence with its crop,
// shown beside the finding's own crop.
type htmlRelated struct {
	Label, Text string
	Crop        htmlFile
}

type htmlError struct {
	URL, Journey, Step, Message string
}

func buildHTMLView(a *evidence.Audit, b *evidence.Bundle) *htmlView {
	h := newHasher(a, b)
	v := &htmlView{
		Tool: a.Tool, Browser: a.Browser, Total: len(a.Findings),
		Started: utc(a.Run.StartedAt), Finished: utc(a.Run.FinishedAt), Command: strings.Join(a.Run.Command, " "),
		Severities: severityCounts(a.Findings), Families: familyCounts(a.Findings),
	}
	if !a.Run.StartedAt.IsZero() && !a.Run.FinishedAt.IsZero() {
		v.Duration = a.Run.FinishedAt.Sub(a.Run.StartedAt).Round(time.Second).String()
	}
	var sites []string
	for ti, t := range a.Targets {
		if t == nil {
			continue
		}
		sites = append(sites, siteName(t))
		ht := htmlTarget{Site: siteName(t), URL: t.URL, Href: safeHref(t.URL), Status: t.Status, Error: t.Error,
			Complete: t.Status == evidence.StatusComplete, PagesVisited: t.Metrics.PagesVisited,
			Checkout: t.Metrics.CheckoutReached, Signup: t.Metrics.SignupReached, Cancel: t.Metrics.CancelReached,
			SignupSteps: depth(t.Metrics.SignupSteps, "not reached"), CancelSteps: depth(t.Metrics.CancelSteps, "not reached"),
			Phone: depth(t.Metrics.ContactDepth.Phone, "not found"), Email: depth(t.Metrics.ContactDepth.Email, "not found"),
			Form: depth(t.Metrics.ContactDepth.Form, "not found"), Address: depth(t.Metrics.ContactDepth.Address, "not found"),
		}
		for ji, j := range t.Journeys {
			if j == nil {
				continue
			}
			ht.Journeys = append(ht.Journeys, buildJourney(fmt.Sprintf("j-%d-%d", ti, ji), j, h))
		}
		v.Targets = append(v.Targets, ht)
	}
	v.Title = "darkaudit report"
	if len(sites) > 0 {
		v.Title += ": " + strings.Join(sites, ", ")
	}
	rules := map[string]evidence.RuleMeta{}
	for _, r := range a.Rules {
		rules[r.ID] = r
	}
	for i, f := range sortedFindings(a.Findings) {
		v.Findings = append(v.Findings, buildFinding(fmt.Sprintf("f%d", i+1), a, f, rules[f.Rule], h))
		if f.Baseline != "" {
			v.Baseline = true
		}
		if f.Baseline == BaselineNew {
			v.New++
		}
	}
	for i, f := range sortedFindings(a.Suppressed) {
		v.Suppressed = append(v.Suppressed, buildFinding(fmt.Sprintf("s%d", i+1), a, f, rules[f.Rule], h))
	}
	for _, e := range a.Errors {
		he := htmlError{URL: e.URL, Journey: e.Journey, Message: e.Message}
		if e.Step != nil {
			he.Step = strconv.Itoa(*e.Step)
		}
		v.Errors = append(v.Errors, he)
	}
	return v
}

func buildJourney(anchor string, j *evidence.Journey, h *hasher) htmlJourney {
	hj := htmlJourney{Anchor: anchor, ID: j.ID, Kind: string(j.Kind), Name: j.Name, Reason: j.Reason, Reached: j.Reached, Steps: len(j.Steps)}
	var steps []*evidence.Step
	for _, s := range j.Steps {
		if s != nil {
			steps = append(steps, s)
		}
	}
	for i, s := range steps {
		fr := htmlFrame{Index: s.Index, Title: s.Title, URL: s.URL, Href: safeHref(s.URL), Kind: string(s.PageKind),
			At: utc(s.At), Arrived: describeAction(s.Action), Error: s.Error,
			Shot: h.file("screenshot", s.Screenshot)}
		// The control clicked on this page is the next step's action: outline
		// it here, where it was, and write the action under the frame.
		if i+1 < len(steps) {
			next := steps[i+1].Action
			fr.Next = describeAction(next)
			if next.Box != nil {
				fr.Outline = outline(s.Snapshot, *next.Box)
			}
		}
		hj.Frames = append(hj.Frames, fr)
	}
	return hj
}

func buildFinding(anchor string, a *evidence.Audit, f evidence.Finding, r evidence.RuleMeta, h *hasher) htmlFinding {
	p := place(a, f)
	hf := htmlFinding{
		Anchor: anchor, ID: f.ID, Rule: f.Rule, Family: string(f.Family), Severity: f.Severity.String(),
		Confidence: strconv.FormatFloat(f.Confidence*100, 'f', 0, 64) + "%",
		Title:      f.Title, Message: f.Message, Explanation: r.Description, Help: r.Help,
		Reasons: f.Reasons, Regulations: f.Regulations,
		URL: f.Location.URL, Href: safeHref(f.Location.URL), Site: siteName(p.Target),
		Journey: f.Location.Journey, Step: f.Location.Step,
		Selector: f.Location.Selector, Text: f.Location.Text, Excerpt: f.Evidence.Excerpt,
		Baseline: f.Baseline, Suppression: f.Suppression,
	}
	if len(hf.Regulations) == 0 {
		hf.Regulations = r.Regulations
	}
	if p.Journey != nil {
		hf.Journey = journeyLabel(p.Journey)
	}
	if p.Step != nil {
		hf.At = utc(p.Step.At)
	}
	hf.Crop = h.file("crop", f.Evidence.Crop)
	hf.Shot = h.file("screenshot", f.Evidence.Screenshot)
	if hf.Crop.Href == "" && f.Location.Box != nil && p.Step != nil {
		hf.Outline = outline(p.Step.Snapshot, *f.Location.Box)
	}
	files := []htmlFile{hf.Crop, hf.Shot, h.file("page HTML", f.Evidence.HTML),
		h.file("before", f.Evidence.Before), h.file("after", f.Evidence.After)}
	for _, r := range f.Evidence.Related {
		rel := htmlRelated{Label: r.Label, Text: r.Text, Crop: h.file("crop: "+r.Label, r.Crop)}
		hf.Related = append(hf.Related, rel)
		files = append(files, rel.Crop)
	}
	for _, fl := range files {
		if fl.Path != "" {
			hf.Files = append(hf.Files, fl)
		}
	}
	return hf
}

func journeyLabel(j *evidence.Journey) string {
	label := orDefault(string(j.Kind), "journey")
	if j.Name != "" && j.Name != string(j.Kind) {
		label += " (" + j.Name + ")"
	}
	return label + " " + j.ID
}

// outline places box over a scaled full-page screenshot, in percent of the
// page. Without a snapshot there is no page size, so there is no outline.
func outline(s *evidence.Snapshot, box evidence.Box) *htmlBox {
	if s == nil || box.Empty() || s.Viewport.Width <= 0 {
		return nil
	}
	height := s.PageHeight
	if height <= 0 {
		height = float64(s.Viewport.Height)
	}
	if height <= 0 {
		return nil
	}
	width := float64(s.Viewport.Width)
	pct := func(v, of float64) string { return strconv.FormatFloat(min(max(v/of*100, 0), 100), 'f', 2, 64) }
	return &htmlBox{X: pct(box.X, width), Y: pct(box.Y, height), W: pct(box.Width, width), H: pct(box.Height, height)}
}

func describeAction(a evidence.Action) string {
	what := a.Text
	if what == "" {
		what = a.Target
	}
	if what == "" {
		what = a.Selector
	}
	s := orDefault(string(a.Type), "action")
	if what != "" {
		s += " “" + oneLine(truncateRunes(what, 120)) + "”"
	}
	if a.Value != "" && a.Type != evidence.ActionFill {
		s += " = " + oneLine(truncateRunes(a.Value, 60))
	}
	return s
}

func depth(n *int, none string) string {
	if n == nil {
		return none
	}
	if *n == 1 {
		return "1 click"
	}
	return strconv.Itoa(*n) + " clicks"
}

func utc(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

// safeHref lets through a bundle path under evidence/ or an http(s) URL;
// anything else (javascript:, data:, paths leaving the folder) becomes "#".
func safeHref(s string) string {
	if p := bundlePath(s); p != "" {
		return p
	}
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "#"
	}
	return u.String()
}

// bundlePath returns s when it is a clean relative path under evidence/.
func bundlePath(s string) string {
	if !strings.HasPrefix(s, evidence.EvidenceDir+"/") || !fs.ValidPath(s) || strings.ContainsAny(s, "\\:?#%") {
		return ""
	}
	return s
}

// hasher finds the SHA-256 of evidence files: from the snapshots' FileRefs
// when the audit is fresh, else by reading the bundle.
type hasher struct {
	b     *evidence.Bundle
	known map[string]string
}

func newHasher(a *evidence.Audit, b *evidence.Bundle) *hasher {
	h := &hasher{b: b, known: map[string]string{}}
	for _, t := range a.Targets {
		if t == nil {
			continue
		}
		for _, j := range t.Journeys {
			if j == nil {
				continue
			}
			for _, s := range j.Steps {
				if s == nil || s.Snapshot == nil {
					continue
				}
				for _, ref := range []evidence.FileRef{s.Snapshot.Screenshot, s.Snapshot.HTML} {
					if ref.Path != "" && ref.SHA256 != "" {
						h.known[ref.Path] = ref.SHA256
					}
				}
			}
		}
	}
	return h
}

func (h *hasher) sum(path string) string {
	if sum, ok := h.known[path]; ok {
		return sum
	}
	sum := ""
	if h.b != nil && bundlePath(path) != "" {
		if data, err := h.b.ReadFile(path); err == nil {
			s := sha256.Sum256(data)
			sum = hex.EncodeToString(s[:])
		}
	}
	h.known[path] = sum
	return sum
}

func (h *hasher) file(label, path string) htmlFile {
	if path == "" {
		return htmlFile{Label: label}
	}
	return htmlFile{Label: label, Path: path, Href: bundlePath(path), SHA: h.sum(path)}
}
