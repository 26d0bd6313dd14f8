package reports

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// ignoreSeeds are the ignore files of the table tests.
var ignoreSeeds = []string{
	`# reviewed 2026-11
ignores:
  - rule: preticked-paid-addon
    url: "https://shop.example/checkout*"
    statement: "Insurance is opt-in by law here; legal ticket LEG-12"
    expires: 2027-01-31
  - fingerprint: "v1:0123456789abcdef"
    journey: checkout
    statement: Stock count is real (ERP feed)
    expires: 2026-12-01T12:00:00Z
`,
	"- rule: x\n  statement: s\n  expires: 2030-01-01\n",
	"# nothing yet\n",
	"ignores:\n  - rule: a\n    expires: 2030-01-01\n  - rule: b\n    expires: 2030-01-01\n",
	"ignores:\n  - rule: a\n    expires: 2030-01-01\n    statement: \"  \"\n",
	"ignores:\n  - rule: a\n    statement: ok\n  - rule: b\n    statement: fine\n",
	"ignores:\n  - rule: a\n    statement: ok\n    expires: next year\n",
	"ignores:\n  - rule: a\n    statement: ok\n    expires: 2030-01-01\n  - rule: b\n    expires: 2030-01-01\n",
	"ignores:\n  - statement: ok\n    expires: 2030-01-01\n",
	"ignores:\n  - rule: a\n    statement: ok\n    expiry: 2030-01-01\n",
	"ignore:\n  - rule: a\n",
	"ignores: yes\n",
	"ignores:\n  - rule: [a\n",
	"ignores:\n  - url: \"https://a.example/*?x\"\n    statement: ok\n    expires: 2030-01-01T00:00:00+02:00\n",
}

// FuzzParseIgnore checks that the ignore-file parser never panics, that its
// errors are ErrIgnoreFile, and that every entry it accepts has a statement,
// a usable expiry, something to match on, a compilable URL glob and a source line.
func FuzzParseIgnore(f *testing.F) {
	for _, s := range ignoreSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := parseIgnores("i.yaml", data)
		if err != nil {
			if !errors.Is(err, ErrIgnoreFile) {
				t.Errorf("error %v is not ErrIgnoreFile", err)
			}
			if entries != nil {
				t.Errorf("entries %+v next to the error %v", entries, err)
			}
			return
		}
		for _, e := range entries {
			if e.Statement == "" || e.Statement != strings.TrimSpace(e.Statement) {
				t.Errorf("entry %+v: statement %q", e, e.Statement)
			}
			if e.Expires.IsZero() {
				t.Errorf("entry %+v: no expiry", e)
			}
			// The entry suppresses up to its expiry and not a day after it.
			if e.Expired(e.Expires.Add(-time.Second)) || !e.Expired(e.Expires.Add(24*time.Hour)) {
				t.Errorf("entry %+v: expiry %v does not bound Expired", e, e.Expires)
			}
			if e.Rule == "" && e.URL == "" && e.Journey == "" && e.Fingerprint == "" {
				t.Errorf("entry %+v matches every finding", e)
			}
			if e.URL != "" {
				if _, err := globRegexp(e.URL); err != nil {
					t.Errorf("entry %+v: url glob: %v", e, err)
				}
			}
			if !strings.HasPrefix(e.Source, "i.yaml:") || strings.HasSuffix(e.Source, ":0") {
				t.Errorf("entry %+v: source %q names no line", e, e.Source)
			}
		}
	})
}
