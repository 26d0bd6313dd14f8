package reports

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/darkaudit/darkaudit/evidence"
)

// TestHTMLCSPHashesMatch recomputes the hashes of the inline style and script
// as the browser will, from the rendered page.
func TestHTMLCSPHashesMatch(t *testing.T) {
	var buf bytes.Buffer
	if err := (HTMLWriter{}).Write(&buf, loadTestAudit(t), testBundle(t)); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	csp := regexp.MustCompile(`http-equiv="Content-Security-Policy" content="([^"]+)"`).FindStringSubmatch(page)
	if csp == nil {
		t.Fatal("no CSP meta")
	}
	policy := html.UnescapeString(csp[1])
	for _, tag := range []string{"style", "script"} {
		m := regexp.MustCompile(`(?s)<`+tag+`>(.*?)</`+tag+`>`).FindAllStringSubmatch(page, -1)
		if len(m) != 1 {
			t.Fatalf("%d <%s> elements, want 1", len(m), tag)
		}
		sum := sha256.Sum256([]byte(m[0][1]))
		want := tag + "-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		if !strings.Contains(policy, want) {
			t.Errorf("policy %q lacks %q", policy, want)
		}
	}
	for _, bad := range []string{"unsafe-inline", "unsafe-eval", "http:", "https:"} {
		if strings.Contains(policy, bad) {
			t.Errorf("policy allows %s", bad)
		}
	}
	if regexp.MustCompile(`\sstyle="|\son[a-z]+="`).MatchString(page) {
		t.Error("inline style or event-handler attribute in the report; the CSP would block it")
	}
}

func TestHTMLEscapesPageContent(t *testing.T) {
	var buf bytes.Buffer
	b, err := evidence.NewBundle(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := (HTMLWriter{}).Write(&buf, hostileAudit(t, b), b); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, bad := range []string{"<script>window", "<img src=x", "<svg/onload", "<iframe", `href="javascript:`,
		`src="javascript:`, `src="data:`, `href="../`, `src="evidence/&#34;`} {
		if strings.Contains(page, bad) {
			t.Errorf("report contains %q", bad)
		}
	}
	if strings.Count(page, "<script>") != 1 {
		t.Errorf("%d <script> tags", strings.Count(page, "<script>"))
	}
	if !strings.Contains(page, "&lt;script&gt;window.__pwned=1&lt;/script&gt;") {
		t.Error("payload text not shown escaped")
	}
}

func TestSafeHref(t *testing.T) {
	for in, want := range map[string]string{
		"evidence/j1-00.png":            "evidence/j1-00.png",
		"https://shop.example/a?b=c":    "https://shop.example/a?b=c",
		"http://shop.example/":          "http://shop.example/",
		"javascript:alert(1)":           "#",
		" JavaScript:alert(1)":          "#",
		"data:text/html,x":              "#",
		"../etc/passwd":                 "#",
		"evidence/../../etc/passwd":     "#",
		"/etc/passwd":                   "#",
		"file:///etc/passwd":            "#",
		"evidence/a\\b.png":             "#",
		"//evil.example/x":              "#",
		"https:evil":                    "#",
		"vbscript:msgbox":               "#",
		"evidence/%2e%2e/report.json":   "#",
		"":                              "#",
		"https://shop.example/<script>": "https://shop.example/%3Cscript%3E",
	} {
		if got := safeHref(in); got != want {
			t.Errorf("safeHref(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOutline(t *testing.T) {
	s := &evidence.Snapshot{Viewport: evidence.Size{Width: 1000, Height: 800}, PageHeight: 2000}
	got := outline(s, evidence.Box{X: 100, Y: 500, Width: 250, Height: 40})
	if got == nil || *got != (htmlBox{X: "10.00", Y: "25.00", W: "25.00", H: "2.00"}) {
		t.Errorf("outline = %+v", got)
	}
	if outline(nil, evidence.Box{Width: 1, Height: 1}) != nil {
		t.Error("outline without a snapshot")
	}
	if outline(s, evidence.Box{}) != nil {
		t.Error("outline of an empty box")
	}
}
