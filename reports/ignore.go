package reports

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/darkaudit/darkaudit/evidence"
)

// IgnoreFile is the conventional name of the ignore file, read from the
// working folder when no other is named (LoadIgnores).
const IgnoreFile = ".darkauditignore.yaml"

// IgnoreEntry silences findings that match every field it sets. Statement
// (why the finding is acceptable) and Expires are mandatory: an ignore is a
// decision someone made and must revisit.
//
//	ignores:
//	  - rule: preticked-paid-addon
//	    url: "https://shop.example/checkout*"
//	    journey: checkout
//	    fingerprint: "v1:3f9a…"
//	    statement: "Insurance is opt-in by law here; reviewed by legal, ticket LEG-12"
//	    expires: 2027-01-31
type IgnoreEntry struct {
	// Rule is a rule ID, matched exactly.
	Rule string
	// URL is a glob over the finding's URL: * matches any run of characters
	// (slashes included), ? one character.
	URL string
	// Journey matches the finding's journey ID, kind or name.
	Journey string
	// Fingerprint is a finding ID, matched exactly (a v1 ID matches the
	// finding's v1 fingerprint).
	Fingerprint string
	Statement   string
	// Expires is the last day the entry suppresses (UTC); a date-only value
	// holds for that whole day.
	Expires time.Time
	// Source is "file:line" of the entry, for messages.
	Source string
}

type ignoreEntryYAML struct {
	Rule        string `yaml:"rule"`
	URL         string `yaml:"url"`
	Journey     string `yaml:"journey"`
	Fingerprint string `yaml:"fingerprint"`
	Statement   string `yaml:"statement"`
	Expires     string `yaml:"expires"`
}

// ErrIgnoreFile is wrapped by every error LoadIgnoreFile returns for a bad file.
var ErrIgnoreFile = errors.New("invalid ignore file")

// LoadIgnoreFile reads an ignore file: a mapping with an "ignores" list, or a
// bare list of entries. Unknown keys, a missing statement, a missing or
// malformed expiry and an entry that would match everything are errors naming
// file and line.
func LoadIgnoreFile(path string) ([]IgnoreEntry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read ignore file: %w", err)
	}
	return parseIgnores(path, data)
}

// LoadIgnores reads the ignore file named by flag (--ignore-file), or
// IgnoreFile when flag is "" and that file exists. It returns the path
// actually read ("" when none) and its entries.
func LoadIgnores(flag string) (path string, entries []IgnoreEntry, err error) {
	path = flag
	if path == "" {
		if _, err := os.Stat(IgnoreFile); errors.Is(err, fs.ErrNotExist) {
			return "", nil, nil
		} else if err != nil {
			return "", nil, fmt.Errorf("ignore file: %w", err)
		}
		path = IgnoreFile
	}
	entries, err = LoadIgnoreFile(path)
	if err != nil {
		return "", nil, err
	}
	return path, entries, nil
}

func parseIgnores(path string, data []byte) ([]IgnoreEntry, error) {
	bad := func(line int, format string, args ...any) error {
		return fmt.Errorf("%s:%d: %w: %s", path, line, ErrIgnoreFile, fmt.Sprintf(format, args...))
	}
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", path, ErrIgnoreFile, err)
	}
	if len(file.Docs) == 0 || file.Docs[0].Body == nil {
		return nil, nil
	}
	var seq *ast.SequenceNode
	switch body := file.Docs[0].Body.(type) {
	case *ast.SequenceNode:
		seq = body
	case *ast.MappingNode:
		for _, kv := range body.Values {
			key := kv.Key.String()
			if key != "ignores" {
				return nil, bad(lineOf(kv), "unknown key %q (want \"ignores\")", key)
			}
			if _, isNull := kv.Value.(*ast.NullNode); isNull {
				return nil, nil
			}
			s, ok := kv.Value.(*ast.SequenceNode)
			if !ok {
				return nil, bad(lineOf(kv.Value), "\"ignores\" must be a list of entries")
			}
			seq = s
		}
	case *ast.MappingValueNode:
		if body.Key.String() != "ignores" {
			return nil, bad(lineOf(body), "unknown key %q (want \"ignores\")", body.Key.String())
		}
		if _, isNull := body.Value.(*ast.NullNode); isNull {
			return nil, nil
		}
		s, ok := body.Value.(*ast.SequenceNode)
		if !ok {
			return nil, bad(lineOf(body.Value), "\"ignores\" must be a list of entries")
		}
		seq = s
	default:
		return nil, bad(lineOf(body), "want a list of ignore entries under \"ignores\"")
	}
	if seq == nil {
		return nil, nil
	}
	var out []IgnoreEntry
	for _, item := range seq.Values {
		line := lineOf(item)
		var raw ignoreEntryYAML
		if err := yaml.NodeToValue(item, &raw, yaml.DisallowUnknownField()); err != nil {
			return nil, bad(line, "%v", strings.TrimSpace(yaml.FormatError(err, false, false)))
		}
		e := IgnoreEntry{Rule: strings.TrimSpace(raw.Rule), URL: strings.TrimSpace(raw.URL),
			Journey: strings.TrimSpace(raw.Journey), Fingerprint: strings.TrimSpace(raw.Fingerprint),
			Statement: strings.TrimSpace(raw.Statement), Source: fmt.Sprintf("%s:%d", path, line)}
		if e.Statement == "" {
			return nil, bad(line, "entry has no statement: say why the finding is acceptable")
		}
		if strings.TrimSpace(raw.Expires) == "" {
			return nil, bad(line, "entry has no expiry date (expires: YYYY-MM-DD)")
		}
		exp, err := parseExpiry(raw.Expires)
		if err != nil {
			return nil, bad(line, "expires %q: want a date such as 2027-01-31", raw.Expires)
		}
		e.Expires = exp
		if e.Rule == "" && e.URL == "" && e.Journey == "" && e.Fingerprint == "" {
			return nil, bad(line, "entry sets none of rule, url, journey, fingerprint and would silence every finding")
		}
		if e.URL != "" {
			if _, err := globRegexp(e.URL); err != nil {
				return nil, bad(line, "url glob %q: %v", e.URL, err)
			}
		}
		out = append(out, e)
	}
	return out, nil
}

func lineOf(n ast.Node) int {
	if n == nil || n.GetToken() == nil {
		return 0
	}
	return n.GetToken().Position.Line
}

func parseExpiry(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Parse(time.RFC3339, s)
}

// Expired reports whether the entry no longer suppresses at now. A date-only
// expiry (midnight UTC) holds through the end of that day.
func (e IgnoreEntry) Expired(now time.Time) bool {
	end := e.Expires
	if end.Equal(end.Truncate(24*time.Hour)) && end.Location() == time.UTC {
		end = end.Add(24 * time.Hour)
	}
	return !now.Before(end)
}

// Matches reports whether the entry covers finding f, which was seen in
// journey j (nil when unknown).
func (e IgnoreEntry) Matches(f evidence.Finding, j *evidence.Journey) bool {
	if e.Rule != "" && e.Rule != f.Rule {
		return false
	}
	// An entry written before fingerprint v2 names the v1 ID; a finding of a
	// bundle recorded before v2 carries one, and the entry may name its v2 ID.
	if e.Fingerprint != "" && e.Fingerprint != f.ID && e.Fingerprint != evidence.FingerprintV1(f) &&
		e.Fingerprint != evidence.Fingerprint(f) {
		return false
	}
	if e.Journey != "" {
		ok := e.Journey == f.Location.Journey
		if j != nil {
			ok = ok || strings.EqualFold(e.Journey, string(j.Kind)) || (j.Name != "" && strings.EqualFold(e.Journey, j.Name))
		}
		if !ok {
			return false
		}
	}
	if e.URL != "" {
		re, err := globRegexp(e.URL)
		if err != nil || !re.MatchString(f.Location.URL) {
			return false
		}
	}
	return true
}

// globRegexp compiles a URL glob: * is any run of characters, ? one character.
func globRegexp(glob string) (*regexp.Regexp, error) {
	var b strings.Builder
	b.WriteString("^")
	for _, r := range glob {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}

// ApplyIgnores moves the findings that a live entry matches from a.Findings to
// a.Suppressed, with Finding.Suppression set to the entry's statement, and
// recomputes a.Summary. Expired entries suppress nothing; each gives a warning.
func ApplyIgnores(a *evidence.Audit, entries []IgnoreEntry, now time.Time) (warnings []string) {
	var live []IgnoreEntry
	for _, e := range entries {
		if e.Expired(now) {
			warnings = append(warnings, fmt.Sprintf("%s: ignore entry %s expired on %s and no longer suppresses findings",
				orDefault(e.Source, "ignore file"), describeIgnore(e), e.Expires.Format(time.DateOnly)))
			continue
		}
		live = append(live, e)
	}
	kept := a.Findings[:0:0]
	for _, f := range a.Findings {
		p := place(a, f)
		suppressed := false
		for _, e := range live {
			if e.Matches(f, p.Journey) {
				f.Suppression = e.Statement
				a.Suppressed = append(a.Suppressed, f)
				suppressed = true
				break
			}
		}
		if !suppressed {
			kept = append(kept, f)
		}
	}
	a.Findings = kept
	a.Summarize()
	return warnings
}

func describeIgnore(e IgnoreEntry) string {
	var parts []string
	for _, kv := range [][2]string{{"rule", e.Rule}, {"url", e.URL}, {"journey", e.Journey}, {"fingerprint", e.Fingerprint}} {
		if kv[1] != "" {
			parts = append(parts, kv[0]+"="+kv[1])
		}
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
