// Package flow parses darkaudit flow files: scripted journeys in YAML for
// what the walker cannot discover on its own (a logged-in cancellation, a
// shop behind a login). See docs/flows.md for the format.
package flow

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/darkaudit/darkaudit/evidence"
)

// Step operations.
const (
	OpGoto     = "goto"
	OpClick    = "click"
	OpFill     = "fill"
	OpSelect   = "select"
	OpCheck    = "check"
	OpUncheck  = "uncheck"
	OpWait     = "wait"
	OpExpect   = "expect"
	OpSnapshot = "snapshot"
	OpReload   = "reload"
)

// kindNames lists the journey kinds a flow may declare: every kind of
// evidence.JourneyKinds, so report.json and the flow format share one list.
func kindNames() string {
	var names []string
	for _, k := range evidence.JourneyKinds() {
		names = append(names, string(k))
	}
	return strings.Join(names, ", ")
}

// DefaultWait bounds a wait step that gives no timeout.
const DefaultWait = 10 * time.Second

// Pos is a place in the flow file.
type Pos struct {
	Line, Column int
}

// Flow is a parsed flow file.
type Flow struct {
	Path     string
	Journeys []Journey
	// Secrets are the values substituted from the environment: they never
	// appear in any output.
	Secrets []string
}

// Journey is a named list of steps.
type Journey struct {
	Name  string
	Kind  evidence.JourneyKind
	Steps []Step
	Pos   Pos
}

// Step is one scripted action.
type Step struct {
	Op string
	// URL is the address of a goto, absolute or relative to the audited URL.
	URL string
	// Text is the visible text (of a button, link, label or page) to act on or wait for.
	Text string
	// Selector is a CSS selector, the alternative to Text.
	Selector string
	// Value is typed by fill and chosen by select.
	Value string
	// Secret is set when Value came from the environment.
	Secret bool
	// Timeout bounds a wait or expect step.
	Timeout time.Duration
	// Name names a snapshot step.
	Name string
	Pos  Pos
}

// Error is a flow file error at a place in the file.
type Error struct {
	Path string
	Pos  Pos
	Msg  string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Pos.Line, e.Pos.Column, e.Msg)
}

// Parse reads and checks a flow file.
func Parse(path string) (*Flow, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("flow: %w", err)
	}
	return ParseBytes(path, data, os.LookupEnv)
}

// ParseBytes parses a flow file's content; lookup resolves ${VAR}.
func ParseBytes(path string, data []byte, lookup func(string) (string, bool)) (*Flow, error) {
	p := &parse{path: path, lookup: lookup, f: &Flow{Path: path}}
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		var te interface {
			GetToken() *token.Token
			GetMessage() string
		}
		if errors.As(err, &te) && te.GetToken() != nil {
			return nil, &Error{Path: path, Pos: posOf(te.GetToken()), Msg: "YAML: " + te.GetMessage()}
		}
		return nil, fmt.Errorf("%s: YAML: %v", path, err)
	}
	if len(file.Docs) == 0 || file.Docs[0].Body == nil {
		return nil, &Error{Path: path, Pos: Pos{1, 1}, Msg: "empty flow file: want a mapping with journeys"}
	}
	if len(file.Docs) > 1 {
		return nil, p.errAt(file.Docs[1], "one YAML document per flow file")
	}
	if err := p.root(file.Docs[0].Body); err != nil {
		return nil, err
	}
	return p.f, nil
}

type parse struct {
	path   string
	lookup func(string) (string, bool)
	f      *Flow
}

func posOf(t *token.Token) Pos {
	if t == nil || t.Position == nil {
		return Pos{1, 1}
	}
	return Pos{t.Position.Line, t.Position.Column}
}

func nodePos(n ast.Node) Pos {
	switch v := n.(type) {
	case *ast.MappingNode:
		if len(v.Values) > 0 {
			return nodePos(v.Values[0])
		}
	case *ast.MappingValueNode:
		return nodePos(v.Key)
	case *ast.DocumentNode:
		if v.Start != nil {
			return posOf(v.Start)
		}
		if v.Body != nil {
			return nodePos(v.Body)
		}
	}
	if n == nil {
		return Pos{1, 1}
	}
	return posOf(n.GetToken())
}

func (p *parse) errAt(n ast.Node, format string, args ...any) error {
	return &Error{Path: p.path, Pos: nodePos(n), Msg: fmt.Sprintf(format, args...)}
}

// pairs returns the key/value pairs of a mapping node, or nil when n is none.
func pairs(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch v := n.(type) {
	case *ast.MappingNode:
		return v.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{v}, true
	}
	return nil, false
}

func kindName(n ast.Node) string {
	switch n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.NullNode, nil:
		return "nothing"
	}
	return "a value"
}

// mapping reads the keys of a mapping, rejecting keys not in allowed.
func (p *parse) mapping(n ast.Node, what string, allowed ...string) (map[string]*ast.MappingValueNode, error) {
	ps, ok := pairs(n)
	if !ok {
		return nil, p.errAt(n, "%s must be a mapping, not %s", what, kindName(n))
	}
	out := map[string]*ast.MappingValueNode{}
	for _, kv := range ps {
		k := kv.Key.String()
		if !contains(allowed, k) {
			return nil, p.errAt(kv.Key, "unknown key %q in %s (want one of %s)", k, what, strings.Join(allowed, ", "))
		}
		if _, dup := out[k]; dup {
			return nil, p.errAt(kv.Key, "key %q given twice in %s", k, what)
		}
		out[k] = kv
	}
	return out, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// scalar reads a scalar value, with ${VAR} substituted.
func (p *parse) scalar(n ast.Node, what string) (string, bool, error) {
	switch v := n.(type) {
	case *ast.NullNode, nil:
		return "", false, p.errAt(n, "%s needs a value", what)
	case *ast.MappingNode, *ast.MappingValueNode, *ast.SequenceNode:
		return "", false, p.errAt(n, "%s must be a single value, not %s", what, kindName(n))
	case *ast.StringNode:
		return p.subst(n, v.Value)
	case *ast.LiteralNode:
		return p.subst(n, v.Value.Value)
	default:
		return p.subst(n, n.GetToken().Value)
	}
}

var envRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

func (p *parse) subst(n ast.Node, s string) (string, bool, error) {
	secret := false
	var missing string
	out := envRef.ReplaceAllStringFunc(s, func(m string) string {
		name := m[2 : len(m)-1]
		v, ok := p.lookup(name)
		if !ok {
			if missing == "" {
				missing = name
			}
			return ""
		}
		secret = true
		if v != "" && !contains(p.f.Secrets, v) {
			p.f.Secrets = append(p.f.Secrets, v)
		}
		return v
	})
	if missing != "" {
		return "", false, p.errAt(n, "environment variable %s is not set", missing)
	}
	return out, secret, nil
}

func (p *parse) root(n ast.Node) error {
	m, err := p.mapping(n, "the flow file", "version", "journeys")
	if err != nil {
		return err
	}
	if v, ok := m["version"]; ok {
		s, _, err := p.scalar(v.Value, "version")
		if err != nil {
			return err
		}
		if s != "1" {
			return p.errAt(v.Value, "unsupported version %q (want 1)", s)
		}
	}
	js, ok := m["journeys"]
	if !ok {
		return p.errAt(n, "missing key \"journeys\": a list of journeys")
	}
	seq, ok := js.Value.(*ast.SequenceNode)
	if !ok || len(seq.Values) == 0 {
		return p.errAt(js.Value, "journeys must be a non-empty list, not %s", kindName(js.Value))
	}
	names := map[string]bool{}
	for _, jn := range seq.Values {
		j, err := p.journey(jn)
		if err != nil {
			return err
		}
		if names[j.Name] {
			return p.errAt(jn, "journey name %q used twice", j.Name)
		}
		names[j.Name] = true
		p.f.Journeys = append(p.f.Journeys, j)
	}
	return nil
}

func (p *parse) journey(n ast.Node) (Journey, error) {
	j := Journey{Pos: nodePos(n)}
	m, err := p.mapping(n, "a journey", "name", "kind", "steps")
	if err != nil {
		return j, err
	}
	for _, k := range []string{"name", "kind", "steps"} {
		if _, ok := m[k]; !ok {
			return j, p.errAt(n, "journey is missing key %q", k)
		}
	}
	if j.Name, _, err = p.scalar(m["name"].Value, "name"); err != nil {
		return j, err
	}
	kind, _, err := p.scalar(m["kind"].Value, "kind")
	if err != nil {
		return j, err
	}
	if j.Kind = evidence.JourneyKind(kind); !j.Kind.Valid() {
		return j, p.errAt(m["kind"].Value, "unknown kind %q (want one of %s)", j.Kind, kindNames())
	}
	seq, ok := m["steps"].Value.(*ast.SequenceNode)
	if !ok || len(seq.Values) == 0 {
		return j, p.errAt(m["steps"].Value, "steps must be a non-empty list, not %s", kindName(m["steps"].Value))
	}
	for _, sn := range seq.Values {
		st, err := p.step(sn)
		if err != nil {
			return j, err
		}
		j.Steps = append(j.Steps, st)
	}
	return j, nil
}

var ops = []string{OpGoto, OpClick, OpFill, OpSelect, OpCheck, OpUncheck, OpWait, OpExpect, OpSnapshot, OpReload}

func (p *parse) step(n ast.Node) (Step, error) {
	st := Step{Pos: nodePos(n)}
	ps, ok := pairs(n)
	if !ok {
		if sc, isStr := n.(*ast.StringNode); isStr && (sc.Value == OpReload || sc.Value == OpSnapshot) {
			st.Op = sc.Value
			return st, nil
		}
		return st, p.errAt(n, "a step must be a mapping with one of %s", strings.Join(ops, ", "))
	}
	var opKV *ast.MappingValueNode
	var extra []*ast.MappingValueNode
	for _, kv := range ps {
		if contains(ops, kv.Key.String()) {
			if opKV != nil {
				return st, p.errAt(kv.Key, "a step has one action; %q and %q given", opKV.Key.String(), kv.Key.String())
			}
			opKV = kv
		} else {
			extra = append(extra, kv)
		}
	}
	if opKV == nil {
		return st, p.errAt(n, "unknown step %q (want one of %s)", ps[0].Key.String(), strings.Join(ops, ", "))
	}
	st.Op = opKV.Key.String()
	// Options may sit next to the action (- wait: "Done"\n  timeout: 5s) or inside it.
	allowed := map[string][]string{
		OpGoto: {"url"}, OpClick: {"text", "selector"}, OpFill: {"text", "label", "selector", "value"},
		OpSelect: {"text", "label", "selector", "value"}, OpCheck: {"text", "label", "selector"}, OpUncheck: {"text", "label", "selector"},
		OpWait: {"text", "selector", "timeout"}, OpExpect: {"text", "selector", "timeout"}, OpSnapshot: {"name"}, OpReload: {},
	}[st.Op]
	fields := map[string]*ast.MappingValueNode{}
	for _, kv := range extra {
		k := kv.Key.String()
		if !contains(allowed, k) || k == "text" || k == "selector" || k == "url" {
			if !contains(allowed, k) {
				return st, p.errAt(kv.Key, "unknown key %q in %s step (want %s)", k, st.Op, strings.Join(allowed, ", "))
			}
		}
		fields[k] = kv
	}
	v := opKV.Value
	if _, isMap := pairs(v); isMap {
		m, err := p.mapping(v, st.Op+" step", allowed...)
		if err != nil {
			return st, err
		}
		for k, kv := range m {
			if _, dup := fields[k]; dup {
				return st, p.errAt(kv.Key, "key %q given twice in %s step", k, st.Op)
			}
			fields[k] = kv
		}
	} else if _, isNull := v.(*ast.NullNode); !isNull && v != nil {
		s, secret, err := p.scalar(v, st.Op)
		if err != nil {
			return st, err
		}
		switch st.Op {
		case OpGoto:
			st.URL = s
		case OpSnapshot:
			st.Name = s
		case OpReload:
		default:
			st.Text = s
		}
		st.Secret = st.Secret || secret
	}
	for k, kv := range fields {
		s, secret, err := p.scalar(kv.Value, k)
		if err != nil {
			return st, err
		}
		switch k {
		case "url":
			st.URL = s
		case "text", "label":
			st.Text = s
		case "selector":
			st.Selector = s
		case "value":
			st.Value, st.Secret = s, secret
		case "name":
			st.Name = s
		case "timeout":
			d, err := time.ParseDuration(s)
			if err != nil || d <= 0 {
				return st, p.errAt(kv.Value, "timeout %q is not a duration such as 5s", s)
			}
			st.Timeout = d
		}
	}
	// Required fields.
	switch st.Op {
	case OpGoto:
		if st.URL == "" {
			return st, p.errAt(n, "goto needs a URL")
		}
	case OpClick, OpCheck, OpUncheck, OpWait, OpExpect:
		if st.Text == "" && st.Selector == "" {
			return st, p.errAt(n, "%s needs text or selector", st.Op)
		}
		if st.Text != "" && st.Selector != "" {
			return st, p.errAt(n, "%s takes text or selector, not both", st.Op)
		}
	case OpFill, OpSelect:
		if st.Text == "" && st.Selector == "" {
			return st, p.errAt(n, "%s needs a selector or a label", st.Op)
		}
		if _, ok := fields["value"]; !ok {
			return st, p.errAt(n, "%s needs a value", st.Op)
		}
	}
	if (st.Op == OpWait || st.Op == OpExpect) && st.Timeout == 0 {
		st.Timeout = DefaultWait
	}
	return st, nil
}

// Scrub replaces every secret in s with the mask.
func (f *Flow) Scrub(s, mask string) string {
	if f == nil {
		return s
	}
	secrets := append([]string(nil), f.Secrets...)
	sort.Slice(secrets, func(i, j int) bool { return len(secrets[i]) > len(secrets[j]) })
	for _, x := range secrets {
		if x != "" {
			s = strings.ReplaceAll(s, x, mask)
		}
	}
	return s
}
