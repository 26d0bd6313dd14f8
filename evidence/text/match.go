package text

import "strings"

// A phrase is one entry of a word list. It matches whole words of normalised
// text; a leading "*" lets it end a compound ("*versicherung" matches
// "Reiseversicherung"), a trailing "*" lets it start one ("versand*" matches
// "Versandkosten").
type phrase struct {
	written     string // as written in the list, without its stars
	norm        string // normalised
	left, right bool   // may end, may start a compound
}

func parsePhrase(w string) phrase {
	p := phrase{written: strings.Trim(w, "*"), left: strings.HasPrefix(w, "*"), right: strings.HasSuffix(w, "*")}
	p.norm = Normalize(p.written)
	return p
}

// in reports whether p occurs in the normalised text t.
func (p phrase) in(t string) bool {
	if p.norm == "" || len(p.norm) > len(t) {
		return false
	}
	if !p.left && !p.right {
		// Whole words: the common case, without the search loop.
		if t == p.norm {
			return true
		}
		return strings.HasPrefix(t, p.norm+" ") || strings.HasSuffix(t, " "+p.norm) || strings.Contains(t, " "+p.norm+" ")
	}
	for from := 0; from < len(t); {
		i := strings.Index(t[from:], p.norm)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(p.norm)
		if (p.left || i == 0 || t[i-1] == ' ') && (p.right || end == len(t) || t[end] == ' ') {
			return true
		}
		from = i + 1
	}
	return false
}

// Matcher finds the phrases of one word list in text. Build it once with
// NewMatcher: the phrases are normalised then, not on every match.
type Matcher struct {
	phrases []phrase
}

// NewMatcher builds a matcher for the phrases of list (see Match for the
// "*" compound rule). Phrases that normalise to nothing are dropped.
func NewMatcher(list ...[]string) *Matcher {
	m := &Matcher{}
	for _, l := range list {
		for _, w := range l {
			if p := parsePhrase(w); p.norm != "" {
				m.phrases = append(m.phrases, p)
			}
		}
	}
	return m
}

// Len is the number of phrases in the matcher.
func (m *Matcher) Len() int { return len(m.phrases) }

// Match returns the first phrase of the list found in s as whole words, as
// written in the list without its stars. s may be raw page text: it is
// normalised here.
func (m *Matcher) Match(s string) (string, bool) {
	return m.MatchNormalized(Normalize(s))
}

// MatchNormalized is Match for text already passed through Normalize, for
// callers that test one text against many lists.
func (m *Matcher) MatchNormalized(t string) (string, bool) {
	if m == nil || t == "" {
		return "", false
	}
	for _, p := range m.phrases {
		if p.in(t) {
			return p.written, true
		}
	}
	return "", false
}

// Contains reports whether phrase (with the "*" compound rule) occurs in s
// as whole words; both are normalised here.
func Contains(s, phrase string) bool {
	return parsePhrase(phrase).in(Normalize(s))
}

// MatchAny returns the first phrase of list found in s as whole words, as
// written without its stars. It normalises every phrase on each call: for a
// list used more than once, build a Matcher.
func MatchAny(s string, list []string) (string, bool) {
	t := Normalize(s)
	if t == "" {
		return "", false
	}
	for _, w := range list {
		if p := parsePhrase(w); p.in(t) {
			return p.written, true
		}
	}
	return "", false
}

// ContainsNormalized is Contains for text and phrase already normalised
// (a phrase may still carry its "*" compound marks).
func ContainsNormalized(t, phrase string) bool {
	return parsePhrase(phrase).in(t)
}
