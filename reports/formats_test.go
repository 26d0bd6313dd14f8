package reports

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/darkaudit/darkaudit/evidence"
)

func TestWritersUniqueAndComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, w := range Writers() {
		if w.Format() == "" || w.DefaultPath() == "" {
			t.Errorf("%T has no format or default path", w)
		}
		if seen[w.Format()] || seen[w.DefaultPath()] {
			t.Errorf("format or path of %s used twice", w.Format())
		}
		seen[w.Format()], seen[w.DefaultPath()] = true, true
	}
	for _, f := range []string{"html", "json", "sarif", "junit", "md"} {
		if !seen[f] {
			t.Errorf("no writer for %s", f)
		}
	}
}

func TestParseFormats(t *testing.T) {
	abs := filepath.Join(t.TempDir(), "x.sarif")
	tests := []struct {
		spec string
		want []Output
	}{
		{"", []Output{{"json", "report.json"}}},
		{"html", []Output{{"json", "report.json"}, {"html", "index.html"}}},
		{"html,json,sarif=out/x.sarif,junit,md", []Output{{"html", "index.html"}, {"json", "report.json"},
			{"sarif", "out/x.sarif"}, {"junit", "report.junit.xml"}, {"md", "summary.md"}}},
		{" SARIF=" + abs + " , markdown ,json,json", []Output{{"sarif", abs}, {"md", "summary.md"}, {"json", "report.json"}}},
		{"sarif,sarif=b.sarif", []Output{{"json", "report.json"}, {"sarif", "report.sarif"}, {"sarif", "b.sarif"}}},
	}
	for _, tt := range tests {
		got, err := ParseFormats(tt.spec)
		if err != nil {
			t.Errorf("ParseFormats(%q): %v", tt.spec, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseFormats(%q) = %v, want %v", tt.spec, got, tt.want)
		}
	}
	_, err := ParseFormats("html,pdf")
	if !errors.Is(err, ErrUnknownFormat) || !strings.Contains(err.Error(), "html, json, sarif, junit, md") {
		t.Errorf("unknown format: got %v, want ErrUnknownFormat naming the valid formats", err)
	}
	for _, bad := range []string{"sarif=", "sarif=../x.sarif", "md=a/../../b.md"} {
		if _, err := ParseFormats(bad); err == nil {
			t.Errorf("ParseFormats(%q) accepted a bad path", bad)
		}
	}
}

func TestWriteAll(t *testing.T) {
	dir := t.TempDir()
	b, err := evidence.NewBundle(dir)
	if err != nil {
		t.Fatal(err)
	}
	abs := filepath.Join(t.TempDir(), "ci", "out.sarif")
	outs, err := ParseFormats("html,sarif=" + abs + ",junit=ci/junit.xml,md")
	if err != nil {
		t.Fatal(err)
	}
	a := loadTestAudit(t)
	if err := WriteAll(b, a, outs); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{filepath.Join(dir, "report.json"), filepath.Join(dir, "index.html"), abs,
		filepath.Join(dir, "ci", "junit.xml"), filepath.Join(dir, "summary.md")} {
		st, err := os.Stat(p)
		if err != nil || st.Size() == 0 {
			t.Errorf("%s not written: %v", p, err)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(abs), "*.tmp"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
	data, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := ValidateReport(data); err != nil {
		t.Error(err)
	}
	loaded, err := LoadReport(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(loaded.Findings) != len(a.Findings) || len(loaded.Suppressed) != 1 {
		t.Errorf("LoadReport: %d findings, %d suppressed", len(loaded.Findings), len(loaded.Suppressed))
	}
	if err := WriteAll(nil, a, []Output{{"md", "summary.md"}}); err == nil {
		t.Error("WriteAll wrote a bundle-relative path without a bundle")
	}
}

func TestLoadReportRejectsOtherFiles(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{"a.json": `{"hello": 1}`, "b.json": `not json`, "c.json": `{"schemaVersion": "9"}`} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o644)
		if _, err := LoadReport(p); err == nil {
			t.Errorf("LoadReport accepted %s", body)
		}
	}
	if _, err := LoadReport(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("LoadReport accepted a missing file")
	}
}
